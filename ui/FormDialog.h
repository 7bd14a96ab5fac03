#pragma once

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QVBoxLayout;

namespace telcodesk {

/// A dialog that saves what the agent typed: the fields on top, an inline error under them, Save and
/// Cancel. Save calls save(), which writes and accepts, or shows why not and keeps the dialog open so
/// that nothing typed is lost.
class FormDialog : public QDialog
{
    Q_OBJECT

public:
    /// Writes what was entered; accepts the dialog on success, calls showError() otherwise.
    virtual void save() = 0;

    /// The error shown, or empty.
    QString errorText() const;

protected:
    explicit FormDialog(QWidget* parent = nullptr);

    /// Where a subclass puts its fields.
    QVBoxLayout* contentLayout() const { return m_content; }
    void showError(const QString& message);

private:
    QVBoxLayout* m_content = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace telcodesk
