#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "kb/KbArticleService.h"
#include "kb/KbFormat.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QDialog>
#include <QHash>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextEdit;
class QToolBar;

namespace telcodesk {

/// Writes a knowledge-base article: a new draft, or an existing draft (a revision of a published article
/// included, which KbArticleService::startRevision opened). Title, category (the tree), tags, language,
/// the body as rich text with a small tool bar (bold, italic, heading, bulleted and numbered lists) and
/// the change note. "Save draft" keeps it as a draft; "Submit for review" saves and hands it to a
/// reviewer. The service validates: its message is shown next to the field it names, everything typed
/// stays, and the dialog stays open.
class KbArticleEditor : public QDialog
{
    Q_OBJECT

public:
    enum class Field { None, Title, Category, Tags, Language, Body, ChangeNote };

    /// articleId empty: a new article. Otherwise the draft is loaded (loadStatus() says whether it could be).
    KbArticleEditor(LocalStorePtr store, const Session& session, const QString& articleId = QString(),
                    const Clock& clock = Clock::system(), QWidget* parent = nullptr);

    Status loadStatus() const { return m_loaded; }
    QString articleId() const { return m_articleId; }

    void setDraft(const KbDraft& draft);
    KbDraft draft() const;

    /// Saves (creates the draft the first time); on success the dialog is accepted.
    Status saveDraft();
    /// Saves, then submits for review; on success the dialog is accepted.
    Status submitForReview();
    /// What the last action did: "saved" or "submitted" (empty before any).
    QString outcome() const { return m_outcome; }

    /// The message shown next to a field (Field::None: under the form), empty when none.
    QString fieldError(Field field) const;
    /// Which field a service error names, from the "Field: …" start of its message.
    static Field fieldOf(const Error& error);

    QLineEdit* titleEdit() const { return m_title; }
    QComboBox* categoryBox() const { return m_category; }
    QLineEdit* tagsEdit() const { return m_tags; }
    QComboBox* languageBox() const { return m_language; }
    QTextEdit* bodyEdit() const { return m_body; }
    QLineEdit* changeNoteEdit() const { return m_changeNote; }
    QPushButton* saveButton() const { return m_save; }
    QPushButton* submitButton() const { return m_submit; }
    QAction* boldAction() const { return m_bold; }
    QAction* italicAction() const { return m_italic; }
    QAction* headingAction() const { return m_heading; }
    QAction* bulletAction() const { return m_bullets; }
    QAction* numberAction() const { return m_numbers; }

private:
    QWidget* withError(QWidget* field, Field key);
    QToolBar* buildToolBar();
    void clearErrors();
    void showError(const Error& error);
    Status write();
    void toggleHeading();
    void toggleList(bool numbered);
    void updateFormatActions();

    KbArticleService m_service;
    KbCategoryNames m_categories;
    QString m_articleId;
    bool m_isRevision = false;
    Status m_loaded;
    QString m_outcome;

    QLineEdit* m_title = nullptr;
    QComboBox* m_category = nullptr;
    QLineEdit* m_tags = nullptr;
    QComboBox* m_language = nullptr;
    QTextEdit* m_body = nullptr;
    QLineEdit* m_changeNote = nullptr;
    QLabel* m_reviewNote = nullptr;
    QHash<int, QLabel*> m_errors;
    QPushButton* m_save = nullptr;
    QPushButton* m_submit = nullptr;
    QAction* m_bold = nullptr;
    QAction* m_italic = nullptr;
    QAction* m_heading = nullptr;
    QAction* m_bullets = nullptr;
    QAction* m_numbers = nullptr;
};

} // namespace telcodesk
