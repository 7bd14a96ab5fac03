#pragma once

#include <QObject>

namespace telcodesk {

/// Process-wide signal that ChangeWriter committed local changes (the outbox grew), so that the sync
/// engine, on its own thread, can push soon and the status bar can recount. Emitted after the commit,
/// from the writing thread; receivers in other threads get it queued.
class LocalChangeNotifier : public QObject
{
    Q_OBJECT

public:
    static LocalChangeNotifier& instance();

Q_SIGNALS:
    void changesWritten(const QString& databasePath);

private:
    LocalChangeNotifier() = default;
};

} // namespace telcodesk
