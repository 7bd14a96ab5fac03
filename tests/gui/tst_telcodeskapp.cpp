#include "GuiScenario.h"
#include "Fixtures.h"
#include "ScreenPop.h"
#include "kb/KbArticleService.h"

#include <QDir>
#include <QElapsedTimer>
#include <QImage>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace telcodesk;
using namespace telcodesk::test;

/// Runs the built telcodesk executable as a user would, on a small prepared data directory.
class TestTelcodeskApp : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void customerViewRendered_data();
    void customerViewRendered();
    void searchViewRendered();
    void knowledgeViewOpensTheFirstResult();
    void retentionViewRendered();
    void unknownCustomerExitsOne();
    void unwritableFileExitsOne();
    void helpNeedsNoDisplay();
    void signsInAsTheGivenAgent();
    void popHandsTheCallerToTheRunningInstance();

private:
    struct Run
    {
        int exitCode = -1;
        QString out;
        QString err;
    };
    Run run(const QStringList& args, const QByteArray& platform = "offscreen") const;

    QString m_binary;
    std::unique_ptr<GuiScenario> m_s;
    QTemporaryDir m_out;
};

void TestTelcodeskApp::initTestCase()
{
    m_binary = qEnvironmentVariable("TELCODESK_GUI_BINARY");
    QVERIFY2(QFile::exists(m_binary), "TELCODESK_GUI_BINARY must name the built telcodesk");
    m_s = std::make_unique<GuiScenario>();
    QVERIFY2(m_s->ok(), qPrintable(m_s->error()));
}

TestTelcodeskApp::Run TestTelcodeskApp::run(const QStringList& args, const QByteArray& platform) const
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (platform.isEmpty())
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    else
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QString::fromLatin1(platform));
    env.remove(QStringLiteral("DISPLAY"));
    env.remove(QStringLiteral("WAYLAND_DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(m_binary, args);
    Run r;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return r;
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -2;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

void TestTelcodeskApp::customerViewRendered_data()
{
    QTest::addColumn<QString>("lang");
    QTest::newRow("Chinese") << "zh_CN";
    QTest::newRow("English") << "en";
}

void TestTelcodeskApp::customerViewRendered()
{
    QFETCH(QString, lang);
    const QString png = QDir(m_out.path()).filePath(QStringLiteral("customer-%1.png").arg(lang));
    // No QT_QPA_PLATFORM: --screenshot renders offscreen by itself.
    const Run r = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), lang,
                       QStringLiteral("--view"), QStringLiteral("customer:13912345678"), QStringLiteral("--screenshot"), png},
                      QByteArray());
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1440, 900));
    // Not a blank image: the panel has content in many colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() > 20);
}

void TestTelcodeskApp::searchViewRendered()
{
    const QString png = QDir(m_out.path()).filePath(QStringLiteral("search.png"));
    const Run r = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("en"),
                       QStringLiteral("--view"), QStringLiteral("search:张伟"), QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(QImage(png).size(), QSize(1440, 900));
}

void TestTelcodeskApp::knowledgeViewOpensTheFirstResult()
{
    Session admin;
    admin.agentId = Fixtures(m_s->store()).addAgent(QStringLiteral("kbadmin"), QStringLiteral("admin"));
    admin.role = Role::Admin;
    KbArticleService service(m_s->store(), admin);
    KbDraft d;
    d.title = QStringLiteral("宽带报障受理");
    d.body = QStringLiteral("<p>宽带报障先远程测试线路。</p>");
    d.category = QStringLiteral("broadband.fault");
    d.language = QStringLiteral("zh_CN");
    const Result<QString> id = service.createDraft(d);
    QVERIFY2(id.ok(), qPrintable(id.errorMessage()));
    QVERIFY(service.submitForReview(id.value()));
    QVERIFY(service.approve(id.value()));
    const auto views = [this, &id] {
        QSqlQuery q(m_s->store()->connection());
        q.prepare(QStringLiteral("SELECT COUNT(*) FROM kb_feedback WHERE article_id = ? AND kind = 'view'"));
        q.addBindValue(id.value());
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    };
    QCOMPARE(views(), 0);

    const QString png = QDir(m_out.path()).filePath(QStringLiteral("kb.png"));
    const Run r = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                       QStringLiteral("--view"), QStringLiteral("kb:宽带"), QStringLiteral("--screenshot"), png});
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    QCOMPARE(QImage(png).size(), QSize(1440, 900));
    // The first (only) result was opened: its view is recorded.
    QCOMPARE(views(), 1);

    const Run bare = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--view"), QStringLiteral("kb"),
                          QStringLiteral("--screenshot"), png});
    QVERIFY2(bare.exitCode == 0, qPrintable(bare.err));
}

void TestTelcodeskApp::retentionViewRendered()
{
    // A supervisor sees the at-risk list, an agent their own tasks; both without scores yet.
    QVERIFY(!Fixtures(m_s->store()).addAgent(QStringLiteral("retsuper"), QStringLiteral("supervisor")).isEmpty());
    const QString png = QDir(m_out.path()).filePath(QStringLiteral("retention.png"));
    const Run supervisor = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("zh_CN"),
                                QStringLiteral("--user"), QStringLiteral("retsuper"), QStringLiteral("--view"),
                                QStringLiteral("retention"), QStringLiteral("--screenshot"), png});
    QVERIFY2(supervisor.exitCode == 0, qPrintable(supervisor.err));
    QCOMPARE(QImage(png).size(), QSize(1440, 900));
    const Run agent = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("en"),
                           QStringLiteral("--user"), QStringLiteral("agent01"), QStringLiteral("--view"),
                           QStringLiteral("retention"), QStringLiteral("--screenshot"), png});
    QVERIFY2(agent.exitCode == 0, qPrintable(agent.err));
    const Run wrong = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("en"),
                           QStringLiteral("--view"), QStringLiteral("retentions"), QStringLiteral("--screenshot"), png});
    QCOMPARE(wrong.exitCode, 2);
    QVERIFY2(wrong.err.contains(QStringLiteral("retention")), qPrintable(wrong.err));
}

void TestTelcodeskApp::unknownCustomerExitsOne()
{
    const QString png = QDir(m_out.path()).filePath(QStringLiteral("nobody.png"));
    const Run r = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("en"),
                       QStringLiteral("--view"), QStringLiteral("customer:13011112222"), QStringLiteral("--screenshot"), png});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("No customer holds the number")), qPrintable(r.err));
    QVERIFY(!QFile::exists(png));
}

void TestTelcodeskApp::unwritableFileExitsOne()
{
    const Run r = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--view"), QStringLiteral("search"),
                       QStringLiteral("--screenshot"), QStringLiteral("/nonexistent-folder/x.png")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains(QStringLiteral("/nonexistent-folder")), qPrintable(r.err));
}

void TestTelcodeskApp::helpNeedsNoDisplay()
{
    // "xcb" without a display would abort if a QApplication were created for --help.
    const Run help = run({QStringLiteral("--help"), QStringLiteral("--lang"), QStringLiteral("en")}, "xcb");
    QCOMPARE(help.exitCode, 0);
    QVERIFY(help.out.contains(QStringLiteral("--screenshot")));
    QVERIFY(help.out.contains(QStringLiteral("--pop")));
    const Run version = run({QStringLiteral("--version")}, "xcb");
    QCOMPARE(version.exitCode, 0);
    QVERIFY(version.out.contains(QStringLiteral(TELCODESK_VERSION)));
}

void TestTelcodeskApp::signsInAsTheGivenAgent()
{
    const QString png = QDir(m_out.path()).filePath(QStringLiteral("clerk.png"));
    const Run clerk = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--user"), QStringLiteral("clerk01"),
                           QStringLiteral("--view"), QStringLiteral("search"), QStringLiteral("--screenshot"), png});
    QVERIFY2(clerk.exitCode == 0, qPrintable(clerk.err));
    const Run nobody = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("en"),
                            QStringLiteral("--user"), QStringLiteral("nosuchagent"), QStringLiteral("--view"),
                            QStringLiteral("search"), QStringLiteral("--screenshot"), png + QStringLiteral(".x")});
    QCOMPARE(nobody.exitCode, 1);
    QVERIFY2(nobody.err.contains(QStringLiteral("nosuchagent")), qPrintable(nobody.err));
}

void TestTelcodeskApp::popHandsTheCallerToTheRunningInstance()
{
    QProcess running;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    running.setProcessEnvironment(env);
    running.start(m_binary, {QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--lang"), QStringLiteral("en")});
    QVERIFY(running.waitForStarted());
    // Wait until it takes calls (the probe is a screen-pop of its own, which it simply shows).
    const QString name = ScreenPop::serverName(m_s->dataDir());
    QTRY_VERIFY_WITH_TIMEOUT(ScreenPop::send(name, QStringLiteral("13912345678"), 200), 20000);

    QElapsedTimer timer;
    timer.start();
    const Run pop = run({QStringLiteral("--data-dir"), m_s->dataDir(), QStringLiteral("--pop"), QStringLiteral("13800138000")});
    QCOMPARE(pop.exitCode, 0);
    QVERIFY2(timer.elapsed() < 10000, "--pop should hand over and exit, not start a second window");
    QCOMPARE(running.state(), QProcess::Running);
    running.terminate();
    if (!running.waitForFinished(5000)) {
        running.kill();
        running.waitForFinished();
    }
}

QTEST_GUILESS_MAIN(TestTelcodeskApp)
#include "tst_telcodeskapp.moc"
