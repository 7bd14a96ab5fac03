// telcodesk-admin rules, run as a process: what an operator types and reads.

#include "scoring/RetentionConfig.h"

#include "TempStore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace telcodesk;

namespace {

struct Run
{
    int code = -1;
    QByteArray out, err;
};

Run admin(const QStringList& arguments)
{
    QProcess process;
    process.start(QStringLiteral(TELCODESK_ADMIN_BINARY), QStringList{QStringLiteral("rules")} + arguments);
    Run run;
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit)
        return run;
    run.code = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

bool writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QByteArray withHighBand(double high)
{
    QJsonObject root = QJsonDocument::fromJson(RetentionConfig::builtIn().toJson()).object();
    QJsonObject bands = root.value(QLatin1String("bands")).toObject();
    bands.insert(QStringLiteral("high"), high);
    root.insert(QStringLiteral("bands"), bands);
    return QJsonDocument(root).toJson();
}

qint64 storedVersion(const LocalStore& store)
{
    QSqlQuery q(store.connection());
    if (!q.exec(QStringLiteral("SELECT version FROM scoring_config WHERE key = 'retention'")) || !q.next())
        return -1;
    return q.value(0).toLongLong();
}

} // namespace

class TestRulesCommand : public QObject
{
    Q_OBJECT

private slots:
    void showBuiltIn();
    void check();
    void badArguments();
    void setAndShow();
};

void TestRulesCommand::showBuiltIn()
{
    const Run run = admin({});
    QCOMPARE(run.code, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out), QJsonDocument::fromJson(RetentionConfig::builtIn().toJson()));
    QVERIFY2(run.err.startsWith("# built-in rules: 4 rules, 4 RFM segments, 15 tags"), run.err.constData());
}

void TestRulesCommand::check()
{
    QTemporaryDir dir;
    const QString good = dir.filePath(QStringLiteral("good.json"));
    QVERIFY(writeFile(good, withHighBand(0.6)));
    Run run = admin({QStringLiteral("--check"), good});
    QCOMPARE(run.code, 0);
    QCOMPARE(QString::fromUtf8(run.out).trimmed(),
             QStringLiteral("%1 is valid: 4 rules, 4 RFM segments, 15 tags; high risk from 0.6, medium from 0.25.").arg(good));

    QByteArray typo = withHighBand(0.6);
    typo.replace("\"complaints_30d\"", "\"complaint_30d\"");
    const QString bad = dir.filePath(QStringLiteral("retention-config.json"));
    QVERIFY(writeFile(bad, typo));
    run = admin({QStringLiteral("--check"), bad});
    QCOMPARE(run.code, 1);
    QCOMPARE(QString::fromUtf8(run.err).trimmed(),
             QStringLiteral("telcodesk-admin: %1: rules[0].when.of[2]: unknown feature \"complaint_30d\"").arg(bad));
    QVERIFY(run.out.isEmpty());

    run = admin({QStringLiteral("--check"), dir.filePath(QStringLiteral("missing.json"))});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains("cannot read"), run.err.constData());
}

void TestRulesCommand::badArguments()
{
    QCOMPARE(admin({QStringLiteral("--check"), QStringLiteral("a"), QStringLiteral("--set"), QStringLiteral("b")}).code, 2);
    QCOMPARE(admin({QStringLiteral("--set"), QStringLiteral("b")}).code, 2);
    QCOMPARE(admin({QStringLiteral("extra")}).code, 2);
    QCOMPARE(admin({QStringLiteral("--nonsense")}).code, 2);
    QTemporaryDir empty;
    const Run run = admin({QStringLiteral("--data-dir"), empty.path()});
    QCOMPARE(run.code, 1);
    QVERIFY2(run.err.contains("there is no cache"), run.err.constData());
    QVERIFY(!QFile::exists(empty.filePath(QStringLiteral("telcodesk.db"))));
}

void TestRulesCommand::setAndShow()
{
    test::TempStore temp;
    QVERIFY2(temp.ok(), qPrintable(temp.error()));
    Run run = admin({QStringLiteral("--data-dir"), temp.dir()});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.err.startsWith("# built-in"), run.err.constData());

    const QString file = temp.dir() + QStringLiteral("/mine.json");
    QVERIFY(writeFile(file, withHighBand(0.6)));
    run = admin({QStringLiteral("--data-dir"), temp.dir(), QStringLiteral("--set"), file});
    QCOMPARE(run.code, 0);
    QVERIFY2(run.out.contains("version 1"), run.out.constData());
    QCOMPARE(storedVersion(*temp.store()), qint64(1));
    QCOMPARE(RetentionConfig::load(*temp.store()).highBand, 0.6);

    run = admin({QStringLiteral("--data-dir"), temp.dir(), QStringLiteral("--show")});
    QCOMPARE(run.code, 0);
    QCOMPARE(QJsonDocument::fromJson(run.out).object().value(QLatin1String("bands")).toObject().value(QLatin1String("high")).toDouble(),
             0.6);
    QVERIFY2(run.err.startsWith("# scoring_config row 5c0f1000-0000-4000-8000-000000000001, version 1"), run.err.constData());

    // A bad document is refused with its place and leaves the saved one alone.
    QByteArray bad = withHighBand(0.7);
    bad.replace("\"kind\": \"risk\"", "\"kind\": \"danger\"");
    QVERIFY(writeFile(file, bad));
    run = admin({QStringLiteral("--data-dir"), temp.dir(), QStringLiteral("--set"), file});
    QCOMPARE(run.code, 1);
    QCOMPARE(QString::fromUtf8(run.err).trimmed(),
             QStringLiteral("telcodesk-admin: %1: rules[0].kind: unknown kind \"danger\"; a rule's kind is risk, reminder "
                            "or flag")
                 .arg(file));
    QCOMPARE(storedVersion(*temp.store()), qint64(1));
    QCOMPARE(RetentionConfig::load(*temp.store()).highBand, 0.6);
}

QTEST_GUILESS_MAIN(TestRulesCommand)
#include "tst_rulescommand.moc"
