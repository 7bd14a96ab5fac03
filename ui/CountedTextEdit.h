#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace telcodesk {

/// A multi-line text field with a "typed / limit" counter under it that turns red past the limit. The
/// text is not cut at the limit: the service refuses it with a message, and nothing typed is lost.
class CountedTextEdit : public QWidget
{
    Q_OBJECT

public:
    CountedTextEdit(int limit, QWidget* parent = nullptr);

    QPlainTextEdit* editor() const { return m_editor; }
    QString text() const;
    /// Characters the limit counts: the text without white space at either end.
    int length() const;
    QString counterText() const;
    bool isOverLimit() const { return length() > m_limit; }

private:
    void updateCounter();

    int m_limit;
    QPlainTextEdit* m_editor = nullptr;
    QLabel* m_counter = nullptr;
};

} // namespace telcodesk
