#pragma once

#include <QDir>
#include <QImageWriter>
#include <QTest>
#include <QWidget>

namespace telcodesk::test {

/// With TELCODESK_SCREENSHOT_DIR set, writes the widget as <dir>/<name>.png, so that a person can look
/// at the sync screens the tests build (in each language they run in). Does nothing otherwise.
inline void saveScreen(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("TELCODESK_SCREENSHOT_DIR");
    if (dir.isEmpty() || !widget)
        return;
    QDir().mkpath(dir);
    // Laid out at the size a person sees: an unshown dialog would be grabbed at whatever size it has.
    if (!widget->isVisible()) {
        widget->show();
        (void)QTest::qWaitForWindowExposed(widget);
    }
    QImageWriter(QDir(dir).filePath(name + QStringLiteral(".png")), "png").write(widget->grab().toImage());
}

} // namespace telcodesk::test
