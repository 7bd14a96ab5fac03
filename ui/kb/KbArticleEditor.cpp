#include "kb/KbArticleEditor.h"

#include <QAction>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextEdit>
#include <QTextList>
#include <QToolBar>
#include <QVBoxLayout>

namespace telcodesk {

namespace {

constexpr int kHeadingLevel = 2;

} // namespace

KbArticleEditor::KbArticleEditor(LocalStorePtr store, const Session& session, const QString& articleId,
                                 const Clock& clock, QWidget* parent)
    : QDialog(parent)
    , m_service(store, session, clock)
    , m_articleId(articleId)
{
    setObjectName(QStringLiteral("kbArticleEditor"));
    setWindowTitle(articleId.isEmpty() ? tr("New article") : tr("Edit article"));
    resize(820, 720);

    const Result<QVector<KbCategory>> categories = m_service.categories();
    if (categories)
        m_categories.set(categories.value());

    m_reviewNote = new QLabel(this);
    m_reviewNote->setObjectName(QStringLiteral("reviewNote"));
    m_reviewNote->setWordWrap(true);
    m_reviewNote->setStyleSheet(QStringLiteral("QLabel { background: #fef7e0; border: 1px solid #f9ab00; "
                                               "border-radius: 4px; padding: 6px; }"));
    m_reviewNote->hide();

    m_title = new QLineEdit(this);
    m_title->setObjectName(QStringLiteral("titleEdit"));
    m_title->setPlaceholderText(tr("What the agent is looking for, e.g. \"Roaming in Hong Kong: daily packs\""));
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("categoryBox"));
    m_categories.fillCombo(m_category, tr("Choose a category…"));
    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageBox"));
    m_language->addItem(KbFormat::language(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    m_language->addItem(KbFormat::language(QStringLiteral("en")), QStringLiteral("en"));
    m_language->setCurrentIndex(m_language->findData(KbFormat::uiLanguageCode()));
    m_tags = new QLineEdit(this);
    m_tags->setObjectName(QStringLiteral("tagsEdit"));
    m_tags->setPlaceholderText(tr("Separated by commas, e.g. 5G, roaming, 套餐"));
    m_body = new QTextEdit(this);
    m_body->setObjectName(QStringLiteral("bodyEdit"));
    m_body->setAcceptRichText(true);
    m_body->setMinimumHeight(260);
    m_changeNote = new QLineEdit(this);
    m_changeNote->setObjectName(QStringLiteral("changeNoteEdit"));
    m_changeNote->setPlaceholderText(tr("What this version changes (required when revising a published article)"));

    auto* bodyBox = new QWidget(this);
    auto* bodyLayout = new QVBoxLayout(bodyBox);
    bodyLayout->setContentsMargins(0, 0, 0, 0);
    bodyLayout->setSpacing(2);
    bodyLayout->addWidget(buildToolBar());
    bodyLayout->addWidget(m_body, 1);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const auto addRow = [this, form](const QString& text, QWidget* field, QWidget* focus, Field key) {
        auto* label = new QLabel(text, this);
        label->setBuddy(focus);
        form->addRow(label, withError(field, key));
    };
    addRow(tr("&Title:"), m_title, m_title, Field::Title);
    addRow(tr("&Category:"), m_category, m_category, Field::Category);
    addRow(tr("&Language:"), m_language, m_language, Field::Language);
    addRow(tr("Ta&gs:"), m_tags, m_tags, Field::Tags);
    addRow(tr("&Body:"), bodyBox, m_body, Field::Body);
    addRow(tr("C&hange note:"), m_changeNote, m_changeNote, Field::ChangeNote);

    auto* general = new QLabel(this);
    general->setObjectName(QStringLiteral("errorLabel"));
    general->setWordWrap(true);
    general->setStyleSheet(KbFormat::errorStyle());
    general->hide();
    m_errors.insert(int(Field::None), general);

    auto* buttons = new QDialogButtonBox(this);
    m_save = buttons->addButton(tr("Save draft"), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveDraftButton"));
    m_save->setToolTip(tr("Keep it as a draft: only supervisors and admins see it"));
    m_submit = buttons->addButton(tr("Submit for review"), QDialogButtonBox::ActionRole);
    m_submit->setObjectName(QStringLiteral("submitButton"));
    m_submit->setToolTip(tr("Save and hand it to a reviewer, who publishes it or sends it back"));
    QPushButton* cancel = buttons->addButton(QDialogButtonBox::Cancel);
    cancel->setText(tr("Cancel"));
    m_save->setDefault(false);
    m_save->setAutoDefault(false);
    m_submit->setAutoDefault(false);
    connect(m_save, &QPushButton::clicked, this, [this] { saveDraft(); });
    connect(m_submit, &QPushButton::clicked, this, [this] { submitForReview(); });
    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_reviewNote);
    layout->addLayout(form, 1);
    layout->addWidget(general);
    layout->addWidget(buttons);

    if (!m_articleId.isEmpty()) {
        const Result<KbArticle> article = m_service.load(m_articleId);
        if (!article) {
            m_loaded = article.error();
            showError(article.error());
            m_save->setEnabled(false);
            m_submit->setEnabled(false);
        } else {
            const KbArticle& a = article.value();
            m_isRevision = !a.revisionOf.isEmpty();
            setDraft(KbArticleService::draftOf(a));
            if (m_isRevision)
                setWindowTitle(tr("Revise article (version %1)").arg(a.version));
            if (!a.reviewNote.isEmpty()) {
                m_reviewNote->setText(tr("Sent back by the reviewer: %1").arg(a.reviewNote));
                m_reviewNote->show();
            }
        }
    }
    connect(m_body, &QTextEdit::cursorPositionChanged, this, &KbArticleEditor::updateFormatActions);
    connect(m_body, &QTextEdit::currentCharFormatChanged, this, &KbArticleEditor::updateFormatActions);
    m_title->setFocus();
}

QWidget* KbArticleEditor::withError(QWidget* field, Field key)
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(field);
    auto* error = new QLabel(box);
    error->setWordWrap(true);
    error->setStyleSheet(KbFormat::errorStyle());
    error->hide();
    layout->addWidget(error);
    m_errors.insert(int(key), error);
    return box;
}

QToolBar* KbArticleEditor::buildToolBar()
{
    auto* bar = new QToolBar(this);
    bar->setObjectName(QStringLiteral("formatToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    m_bold = bar->addAction(tr("Bold"));
    m_bold->setObjectName(QStringLiteral("boldAction"));
    m_bold->setCheckable(true);
    m_bold->setShortcut(QKeySequence::Bold);
    m_bold->setToolTip(tr("Bold (%1)").arg(QKeySequence(QKeySequence::Bold).toString(QKeySequence::NativeText)));
    QFont bold = m_bold->font();
    bold.setBold(true);
    m_bold->setFont(bold);
    connect(m_bold, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat f;
        f.setFontWeight(on ? QFont::Bold : QFont::Normal);
        m_body->mergeCurrentCharFormat(f);
    });

    m_italic = bar->addAction(tr("Italic"));
    m_italic->setObjectName(QStringLiteral("italicAction"));
    m_italic->setCheckable(true);
    m_italic->setShortcut(QKeySequence::Italic);
    m_italic->setToolTip(tr("Italic (%1)").arg(QKeySequence(QKeySequence::Italic).toString(QKeySequence::NativeText)));
    QFont italic = m_italic->font();
    italic.setItalic(true);
    m_italic->setFont(italic);
    connect(m_italic, &QAction::triggered, this, [this](bool on) {
        QTextCharFormat f;
        f.setFontItalic(on);
        m_body->mergeCurrentCharFormat(f);
    });

    bar->addSeparator();
    m_heading = bar->addAction(tr("Heading"));
    m_heading->setObjectName(QStringLiteral("headingAction"));
    m_heading->setCheckable(true);
    m_heading->setToolTip(tr("Make the paragraph a heading, or a heading a paragraph again"));
    connect(m_heading, &QAction::triggered, this, &KbArticleEditor::toggleHeading);

    m_bullets = bar->addAction(tr("• List"));
    m_bullets->setObjectName(QStringLiteral("bulletAction"));
    m_bullets->setCheckable(true);
    m_bullets->setToolTip(tr("Bulleted list"));
    connect(m_bullets, &QAction::triggered, this, [this] { toggleList(false); });

    m_numbers = bar->addAction(tr("1. List"));
    m_numbers->setObjectName(QStringLiteral("numberAction"));
    m_numbers->setCheckable(true);
    m_numbers->setToolTip(tr("Numbered list (steps)"));
    connect(m_numbers, &QAction::triggered, this, [this] { toggleList(true); });
    return bar;
}

void KbArticleEditor::toggleHeading()
{
    QTextCursor cursor = m_body->textCursor();
    const bool isHeading = cursor.blockFormat().headingLevel() > 0;
    cursor.beginEditBlock();
    QTextBlockFormat block = cursor.blockFormat();
    block.setHeadingLevel(isHeading ? 0 : kHeadingLevel);
    cursor.setBlockFormat(block);
    // The heading level alone does not change how the text looks: size and weight go with it.
    QTextCharFormat chars;
    chars.setFontWeight(isHeading ? QFont::Normal : QFont::Bold);
    chars.setProperty(QTextFormat::FontSizeAdjustment, isHeading ? 0 : 1);
    cursor.select(QTextCursor::BlockUnderCursor);
    cursor.mergeCharFormat(chars);
    cursor.endEditBlock();
    m_body->mergeCurrentCharFormat(chars);
    updateFormatActions();
}

void KbArticleEditor::toggleList(bool numbered)
{
    const QTextListFormat::Style wanted = numbered ? QTextListFormat::ListDecimal : QTextListFormat::ListDisc;
    QTextCursor cursor = m_body->textCursor();
    cursor.beginEditBlock();
    if (QTextList* list = cursor.currentList()) {
        if (list->format().style() == wanted) {
            // Out of the list: the paragraph keeps its text, loses the bullet and the indent.
            list->remove(cursor.block());
            QTextBlockFormat block = cursor.blockFormat();
            block.setIndent(0);
            cursor.setBlockFormat(block);
        } else {
            QTextListFormat format = list->format();
            format.setStyle(wanted);
            list->setFormat(format);
        }
    } else {
        QTextListFormat format;
        format.setStyle(wanted);
        cursor.createList(format);
    }
    cursor.endEditBlock();
    updateFormatActions();
}

void KbArticleEditor::updateFormatActions()
{
    const QTextCursor cursor = m_body->textCursor();
    const QTextCharFormat chars = m_body->currentCharFormat();
    m_bold->setChecked(chars.fontWeight() >= QFont::Bold);
    m_italic->setChecked(chars.fontItalic());
    m_heading->setChecked(cursor.blockFormat().headingLevel() > 0);
    const QTextList* list = cursor.currentList();
    m_bullets->setChecked(list && list->format().style() == QTextListFormat::ListDisc);
    m_numbers->setChecked(list && list->format().style() == QTextListFormat::ListDecimal);
}

void KbArticleEditor::setDraft(const KbDraft& d)
{
    m_title->setText(d.title);
    const int category = m_category->findData(d.category);
    m_category->setCurrentIndex(category >= 0 ? category : 0);
    const int language = m_language->findData(d.language);
    if (language >= 0)
        m_language->setCurrentIndex(language);
    m_tags->setText(d.tags.join(tr(", ")));
    m_body->setHtml(d.body);
    m_changeNote->setText(d.changeNote);
}

KbDraft KbArticleEditor::draft() const
{
    KbDraft d;
    d.title = m_title->text().trimmed();
    d.category = m_category->currentData().toString();
    d.language = m_language->currentData().toString();
    d.tags = KbArticleService::parseTags(m_tags->text());
    // An editor with nothing typed still holds an empty HTML document; the service must see it as empty.
    d.body = m_body->toPlainText().trimmed().isEmpty() ? QString() : m_body->toHtml();
    d.changeNote = m_changeNote->text().trimmed();
    return d;
}

KbArticleEditor::Field KbArticleEditor::fieldOf(const Error& error)
{
    if (error.code != QLatin1String("invalid"))
        return Field::None;
    const QString message = error.message;
    int colon = message.indexOf(QLatin1Char(':'));
    const int wide = message.indexOf(QChar(0xFF1A));
    if (colon < 0 || (wide >= 0 && wide < colon))
        colon = wide;
    if (colon <= 0 || colon > 40)
        return Field::None;
    const QString name = message.left(colon).trimmed().toLower();
    // The service names the field in the interface language; both languages' words are known here.
    struct Name
    {
        Field field;
        const char16_t* words[5];
    };
    static const Name names[] = {
        {Field::ChangeNote, {u"change note", u"变更说明", u"修改说明", u"更新说明", nullptr}},
        {Field::Title, {u"title", u"标题", nullptr, nullptr, nullptr}},
        {Field::Category, {u"category", u"分类", u"类别", u"目录", nullptr}},
        {Field::Tags, {u"tag", u"标签", nullptr, nullptr, nullptr}},
        {Field::Language, {u"language", u"语言", nullptr, nullptr, nullptr}},
        {Field::Body, {u"body", u"正文", u"内容", u"text", nullptr}},
    };
    for (const Name& n : names) {
        for (const char16_t* word : n.words) {
            if (word && name.contains(QString::fromUtf16(word)))
                return n.field;
        }
    }
    return Field::None;
}

QString KbArticleEditor::fieldError(Field field) const
{
    const QLabel* label = m_errors.value(int(field));
    return label && !label->isHidden() ? label->text() : QString();
}

void KbArticleEditor::clearErrors()
{
    for (QLabel* label : std::as_const(m_errors)) {
        label->clear();
        label->hide();
    }
}

void KbArticleEditor::showError(const Error& error)
{
    QLabel* label = m_errors.value(int(fieldOf(error)));
    if (!label)
        label = m_errors.value(int(Field::None));
    label->setText(error.message);
    label->show();
    switch (fieldOf(error)) {
    case Field::Title:
        m_title->setFocus();
        break;
    case Field::Category:
        m_category->setFocus();
        break;
    case Field::Tags:
        m_tags->setFocus();
        break;
    case Field::Language:
        m_language->setFocus();
        break;
    case Field::Body:
        m_body->setFocus();
        break;
    case Field::ChangeNote:
        m_changeNote->setFocus();
        break;
    case Field::None:
        break;
    }
}

Status KbArticleEditor::write()
{
    clearErrors();
    const KbDraft d = draft();
    if (m_articleId.isEmpty()) {
        const Result<QString> created = m_service.createDraft(d);
        if (!created) {
            showError(created.error());
            return created.error();
        }
        m_articleId = created.value();
        setWindowTitle(tr("Edit article"));
        return Status::success();
    }
    const Status saved = m_service.saveDraft(m_articleId, d);
    if (!saved)
        showError(saved.error());
    return saved;
}

Status KbArticleEditor::saveDraft()
{
    const Status saved = write();
    if (!saved)
        return saved;
    m_outcome = QStringLiteral("saved");
    accept();
    return saved;
}

Status KbArticleEditor::submitForReview()
{
    const Status saved = write();
    if (!saved)
        return saved;
    // Saved already: from here on a failure leaves a draft, which the message says.
    m_outcome = QStringLiteral("saved");
    const Status submitted = m_service.submitForReview(m_articleId);
    if (!submitted) {
        showError(Error{tr("The draft is saved, but it could not be submitted: %1").arg(submitted.errorMessage()),
                        submitted.error().code});
        return submitted;
    }
    m_outcome = QStringLiteral("submitted");
    accept();
    return submitted;
}

} // namespace telcodesk
