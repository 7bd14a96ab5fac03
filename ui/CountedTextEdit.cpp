#include "CountedTextEdit.h"

#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace telcodesk {

CountedTextEdit::CountedTextEdit(int limit, QWidget* parent)
    : QWidget(parent)
    , m_limit(limit)
    , m_editor(new QPlainTextEdit(this))
    , m_counter(new QLabel(this))
{
    m_editor->setTabChangesFocus(true);
    m_counter->setObjectName(QStringLiteral("counterLabel"));
    m_counter->setAlignment(Qt::AlignRight);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(m_editor, 1);
    layout->addWidget(m_counter);
    setFocusProxy(m_editor);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &CountedTextEdit::updateCounter);
    updateCounter();
}

QString CountedTextEdit::text() const
{
    return m_editor->toPlainText();
}

int CountedTextEdit::length() const
{
    return int(text().trimmed().size());
}

QString CountedTextEdit::counterText() const
{
    return m_counter->text();
}

void CountedTextEdit::updateCounter()
{
    //: Characters typed and the limit, e.g. "120 / 4,000"
    m_counter->setText(tr("%1 / %2").arg(QLocale().toString(length()), QLocale().toString(m_limit)));
    m_counter->setStyleSheet(isOverLimit() ? QStringLiteral("QLabel { color: #b3261e; font-weight: bold; }")
                                           : QStringLiteral("QLabel { color: palette(placeholder-text); }"));
}

} // namespace telcodesk
