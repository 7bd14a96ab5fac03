#include "GuiScenario.h"
#include "KbScenario.h"
#include "kb/KbArticleEditor.h"
#include "kb/KbArticleView.h"
#include "kb/KbPage.h"
#include "kb/KbSearch.h"

#include <QAction>
#include <QComboBox>
#include <QInputDialog>
#include <QLineEdit>
#include <QListWidget>
#include <QTextBrowser>
#include <QPushButton>
#include <QTest>
#include <QTextCursor>
#include <QTextEdit>

using namespace telcodesk;
using namespace telcodesk::test;

using Field = KbArticleEditor::Field;

class TestKbArticleEditor : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void fieldsNamedByTheServiceShowTheirMessage_data();
    void fieldsNamedByTheServiceShowTheirMessage();
    void emptyTitleIsShownNextToTheTitle();
    void savingADraftWithFormatting();
    void submitThenApproveThroughTheButtons();
    void revisionOfAPublishedArticle();
    void newArticleFromThePage();

private:
    std::unique_ptr<KbArticleEditor> makeEditor(const Session& session, const QString& id = QString());
    void fill(KbArticleEditor* editor, const QString& title, const QString& category);

    std::unique_ptr<KbScenario> m_s;
};

void TestKbArticleEditor::initTestCase()
{
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void TestKbArticleEditor::init()
{
    m_s = std::make_unique<KbScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

void TestKbArticleEditor::cleanup()
{
    m_s.reset();
}

std::unique_ptr<KbArticleEditor> TestKbArticleEditor::makeEditor(const Session& session, const QString& id)
{
    auto editor = std::make_unique<KbArticleEditor>(m_s->store(), session, id);
    editor->show();
    if (!QTest::qWaitForWindowExposed(editor.get()))
        qWarning() << "the editor was not exposed";
    return editor;
}

void TestKbArticleEditor::fill(KbArticleEditor* editor, const QString& title, const QString& category)
{
    editor->titleEdit()->setText(title);
    editor->categoryBox()->setCurrentIndex(editor->categoryBox()->findData(category));
    editor->languageBox()->setCurrentIndex(editor->languageBox()->findData(QStringLiteral("zh_CN")));
    editor->tagsEdit()->setText(QStringLiteral("携号转网，转网; 授权码"));
    editor->bodyEdit()->setFocus();
    typeText(editor->bodyEdit(), QStringLiteral("办理携号转网前，先发短信 CXXZ 查询资格。"));
}

void TestKbArticleEditor::fieldsNamedByTheServiceShowTheirMessage_data()
{
    QTest::addColumn<QString>("message");
    QTest::addColumn<int>("field");
    QTest::newRow("title") << QStringLiteral("Title: cannot be empty.") << int(Field::Title);
    QTest::newRow("title zh") << QStringLiteral("标题：不能为空。") << int(Field::Title);
    QTest::newRow("category") << QStringLiteral("Category: \"x\" is not a category.") << int(Field::Category);
    QTest::newRow("tags") << QStringLiteral("Tags: at most 12.") << int(Field::Tags);
    QTest::newRow("language") << QStringLiteral("Language: must be zh_CN or en.") << int(Field::Language);
    QTest::newRow("body") << QStringLiteral("Body: cannot be empty.") << int(Field::Body);
    QTest::newRow("change note") << QStringLiteral("Change note: say what this version changes.") << int(Field::ChangeNote);
    QTest::newRow("no field") << QStringLiteral("The article is no longer a draft.") << int(Field::None);
}

void TestKbArticleEditor::fieldsNamedByTheServiceShowTheirMessage()
{
    QFETCH(QString, message);
    QFETCH(int, field);
    QCOMPARE(int(KbArticleEditor::fieldOf(Error{message, QStringLiteral("invalid")})), field);
    // Only validation errors name a field.
    QCOMPARE(KbArticleEditor::fieldOf(Error{message, QStringLiteral("state")}), Field::None);
}

void TestKbArticleEditor::emptyTitleIsShownNextToTheTitle()
{
    auto editor = makeEditor(m_s->supervisorSession());
    fill(editor.get(), QString(), QStringLiteral("porting"));
    const int before = m_s->count(QStringLiteral("SELECT COUNT(*) FROM kb_article"), {});
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    // The service's message sits next to the title; the dialog stays open with what was typed.
    QVERIFY2(!editor->fieldError(Field::Title).isEmpty(), qPrintable(editor->fieldError(Field::None)));
    QVERIFY(editor->fieldError(Field::None).isEmpty());
    QVERIFY(editor->fieldError(Field::Body).isEmpty());
    QVERIFY(editor->isVisible());
    QVERIFY(editor->result() != QDialog::Accepted);
    QVERIFY(editor->articleId().isEmpty());
    QVERIFY(editor->bodyEdit()->toPlainText().contains(QStringLiteral("CXXZ")));
    QCOMPARE(m_s->count(QStringLiteral("SELECT COUNT(*) FROM kb_article"), {}), before);

    // Fixing the title and forgetting the category moves the message to the category.
    editor->titleEdit()->setText(QStringLiteral("携号转网办理条件"));
    editor->categoryBox()->setCurrentIndex(0);
    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY(editor->fieldError(Field::Title).isEmpty());
    QVERIFY2(!editor->fieldError(Field::Category).isEmpty(), qPrintable(editor->fieldError(Field::None)));
    QVERIFY(editor->articleId().isEmpty());
}

void TestKbArticleEditor::savingADraftWithFormatting()
{
    auto editor = makeEditor(m_s->supervisorSession());
    fill(editor.get(), QStringLiteral("携号转网办理条件"), QStringLiteral("porting"));
    // The first line becomes a heading and a word bold, through the tool bar.
    QTextCursor cursor = editor->bodyEdit()->textCursor();
    cursor.movePosition(QTextCursor::Start);
    editor->bodyEdit()->setTextCursor(cursor);
    editor->headingAction()->trigger();
    QVERIFY(editor->headingAction()->isChecked());
    cursor.movePosition(QTextCursor::End);
    editor->bodyEdit()->setTextCursor(cursor);
    QTest::keyClick(editor->bodyEdit(), Qt::Key_Return);
    QVERIFY(!editor->headingAction()->isChecked());
    typeText(editor->bodyEdit(), QStringLiteral("资格条件如下"));
    QTest::keyClick(editor->bodyEdit(), Qt::Key_Return);
    editor->bulletAction()->trigger();
    editor->boldAction()->trigger();
    typeText(editor->bodyEdit(), QStringLiteral("欠费不能转网"));
    QVERIFY(editor->bulletAction()->isChecked());

    QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
    QVERIFY2(!editor->articleId().isEmpty(), qPrintable(editor->fieldError(Field::None)));
    QCOMPARE(editor->result(), int(QDialog::Accepted));
    QCOMPARE(editor->outcome(), QStringLiteral("saved"));

    const Result<KbArticle> saved = KbArticleService(m_s->store(), m_s->supervisorSession()).load(editor->articleId());
    QVERIFY2(saved.ok(), qPrintable(saved.errorMessage()));
    QCOMPARE(saved->status, QStringLiteral("draft"));
    QCOMPARE(saved->title, QStringLiteral("携号转网办理条件"));
    QCOMPARE(saved->category, QStringLiteral("porting"));
    QCOMPARE(saved->language, QStringLiteral("zh_CN"));
    QCOMPARE(saved->tags, (QStringList{QStringLiteral("携号转网"), QStringLiteral("转网"), QStringLiteral("授权码")}));
    QCOMPARE(saved->authorId, m_s->supervisorId);
    QVERIFY2(saved->body.contains(QStringLiteral("<h2")), qPrintable(saved->body));
    // Only the first line is a heading: Enter at its end started a normal paragraph.
    QCOMPARE(saved->body.count(QStringLiteral("<h2")), 1);
    QVERIFY2(!saved->body.contains(QStringLiteral("资格条件如下</span></h2>")) && !saved->body.contains(QStringLiteral("资格条件如下</h2>")),
             qPrintable(saved->body));
    QVERIFY2(saved->body.contains(QStringLiteral("<ul")), qPrintable(saved->body));
    QVERIFY2(saved->body.contains(QStringLiteral("font-weight")), qPrintable(saved->body));

    // Opened again, the draft comes back as it was saved; agents do not find it.
    auto reopened = makeEditor(m_s->supervisorSession(), editor->articleId());
    QVERIFY(reopened->loadStatus());
    QCOMPARE(reopened->titleEdit()->text(), QStringLiteral("携号转网办理条件"));
    QCOMPARE(reopened->categoryBox()->currentData().toString(), QStringLiteral("porting"));
    QVERIFY(reopened->bodyEdit()->toPlainText().contains(QStringLiteral("欠费不能转网")));
    const Result<KbSearchResult> found = KbSearch(m_s->store()).search(QStringLiteral("携号转网"));
    QVERIFY(found.ok());
    for (const KbHit& hit : found->hits)
        QVERIFY(hit.articleId != editor->articleId());
}

void TestKbArticleEditor::submitThenApproveThroughTheButtons()
{
    auto editor = makeEditor(m_s->supervisorSession());
    fill(editor.get(), QStringLiteral("携号转网办理条件"), QStringLiteral("porting"));
    QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
    QVERIFY2(!editor->articleId().isEmpty(), qPrintable(editor->fieldError(Field::None)));
    QCOMPARE(editor->outcome(), QStringLiteral("submitted"));
    const QString id = editor->articleId();
    QCOMPARE(KbArticleService(m_s->store(), m_s->adminSession()).load(id)->status, QStringLiteral("in_review"));

    // The author cannot approve their own article; the admin reviewer can, with one click.
    KbArticleView authorView(m_s->store(), m_s->supervisorSession());
    authorView.show();
    QVERIFY(authorView.showArticle(id));
    QVERIFY(!authorView.approveButton()->isVisible());

    KbArticleView reviewerView(m_s->store(), m_s->adminSession());
    reviewerView.show();
    QVERIFY(reviewerView.showArticle(id));
    QVERIFY(reviewerView.approveButton()->isVisible());
    QTest::mouseClick(reviewerView.approveButton(), Qt::LeftButton);
    QCOMPARE(reviewerView.article().status, QStringLiteral("published"));
    QCOMPARE(reviewerView.article().reviewerId, m_s->adminId);
    QVERIFY(!reviewerView.approveButton()->isVisible());
    QVERIFY(reviewerView.retireButton()->isVisible());

    // Now agents find it.
    const Result<KbSearchResult> found = KbSearch(m_s->store()).search(QStringLiteral("携号转网"));
    QVERIFY(found.ok());
    bool present = false;
    for (const KbHit& hit : found->hits)
        present = present || hit.articleId == id;
    QVERIFY(present);

    // Retiring takes it away again, with the note the reviewer types.
    onNextModal<QInputDialog>([](QInputDialog* dialog) {
        dialog->setTextValue(QStringLiteral("政策已调整"));
        dialog->accept();
    });
    QTest::mouseClick(reviewerView.retireButton(), Qt::LeftButton);
    QCOMPARE(reviewerView.article().status, QStringLiteral("retired"));
    QVERIFY(!reviewerView.retireButton()->isVisible());
}

void TestKbArticleEditor::revisionOfAPublishedArticle()
{
    KbArticleView view(m_s->store(), m_s->supervisorSession());
    view.show();
    QVERIFY(view.showArticle(m_s->planChange));
    QVERIFY(view.editButton()->isVisible());
    bool edited = false;
    onNextModal<KbArticleEditor>([&edited](KbArticleEditor* editor) {
        QCOMPARE(editor->titleEdit()->text(), QStringLiteral("套餐变更规则"));
        editor->bodyEdit()->setHtml(QStringLiteral("<p>套餐变更次月生效。</p><p>合约期内可升档。</p>"));
        editor->changeNoteEdit()->setText(QStringLiteral("合约期内允许升档"));
        QTest::mouseClick(editor->submitButton(), Qt::LeftButton);
        edited = editor->outcome() == QLatin1String("submitted");
        if (!edited)
            editor->reject();
    });
    QTest::mouseClick(view.editButton(), Qt::LeftButton);
    QVERIFY(edited);
    // The view shows the revision, in review; agents still read version 1.
    const QString revision = view.articleId();
    QVERIFY(revision != m_s->planChange);
    QCOMPARE(view.article().revisionOf, m_s->planChange);
    QCOMPARE(view.article().status, QStringLiteral("in_review"));
    const Result<KbArticle> published = KbArticleService(m_s->store(), m_s->agentSession()).load(m_s->planChange);
    QVERIFY(published.ok());
    QCOMPARE(published->version, 1);

    KbArticleView reviewer(m_s->store(), m_s->adminSession());
    reviewer.show();
    QVERIFY(reviewer.showArticle(revision));
    QTest::mouseClick(reviewer.approveButton(), Qt::LeftButton);
    // Approved, the revision replaces the article's content: the view shows the article, version 2.
    QCOMPARE(reviewer.articleId(), m_s->planChange);
    QCOMPARE(reviewer.article().version, 2);
    QVERIFY(reviewer.body()->toPlainText().contains(QStringLiteral("合约期内可升档")));
}

void TestKbArticleEditor::newArticleFromThePage()
{
    KbPage page(m_s->store(), m_s->supervisorSession());
    page.resize(1200, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    onNextModal<KbArticleEditor>([this](KbArticleEditor* editor) {
        fill(editor, QStringLiteral("实名制补登记"), QStringLiteral("realname"));
        QTest::mouseClick(editor->saveButton(), Qt::LeftButton);
        if (editor->isVisible())
            editor->reject();
    });
    QTest::mouseClick(page.newArticleButton(), Qt::LeftButton);
    QCOMPARE(page.articleView()->titleText(), QStringLiteral("实名制补登记"));
    QCOMPARE(page.articleView()->article().status, QStringLiteral("draft"));
    const QString id = page.articleView()->articleId();
    bool queued = false;
    for (int i = 0; i < page.workQueueList()->count(); ++i)
        queued = queued || page.workQueueList()->item(i)->data(Qt::UserRole).toString() == id;
    QVERIFY(queued);
}

QTEST_MAIN(TestKbArticleEditor)
#include "tst_kbarticleeditor.moc"
