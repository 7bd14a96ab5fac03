// PgRemote's pure parts: the libpq conninfo string it builds and how it reads sync.pull and
// sync.apply_batch answers, good and hostile. The connection itself: tests/integration/sync/tst_pgremote.

#include "sync/PgRemote.h"

#include <QTest>

#include <libpq-fe.h>

using namespace telcodesk;

namespace {

/// conninfo parsed back by libpq itself: keyword -> value (only the keywords that were set).
QMap<QString, QString> parsedByLibpq(const QByteArray& conninfo, QString* error)
{
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(conninfo.constData(), &message);
    QMap<QString, QString> out;
    if (!options) {
        *error = QString::fromUtf8(message);
        PQfreemem(message);
        return out;
    }
    for (PQconninfoOption* o = options; o->keyword; ++o) {
        if (o->val)
            out.insert(QString::fromUtf8(o->keyword), QString::fromUtf8(o->val));
    }
    PQconninfoFree(options);
    return out;
}

PgDsn dsn(const QString& url)
{
    const auto parsed = PgDsn::parse(url);
    if (!parsed)
        qFatal("bad test DSN: %s", qPrintable(parsed.errorMessage()));
    return parsed.value();
}

} // namespace

class TestPgRemoteParse : public QObject
{
    Q_OBJECT

private slots:
    void conninfoIsExact();
    void conninfoQuotesHostileValues_data();
    void conninfoQuotesHostileValues();
    void conninfoTakesTheAddressesOptions();
    void conninfoLeavesMissingCredentialsToLibpq();

    void pullAnswerIsRead();
    void pullResyncAnswerIsRead();
    void hostilePullAnswersAreRefused_data();
    void hostilePullAnswersAreRefused();

    void batchAnswerIsRead();
    void hostileBatchAnswersAreRefused_data();
    void hostileBatchAnswersAreRefused();
};

void TestPgRemoteParse::conninfoIsExact()
{
    const QByteArray info = PgRemote::conninfo(dsn("postgresql://agent01:s3cret@db.example.cn:6432/telcodesk?sslmode=require"),
                                               PgRemote::Options());
    QCOMPARE(info, QByteArray("host='db.example.cn' port='6432' user='agent01' password='s3cret' dbname='telcodesk' "
                              "sslmode='require' connect_timeout='10' application_name='telcodesk' keepalives='1' "
                              "keepalives_idle='10' keepalives_interval='5' keepalives_count='3' "
                              "tcp_user_timeout='25000' client_encoding='UTF8'"));
}

void TestPgRemoteParse::conninfoQuotesHostileValues_data()
{
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("password");
    QTest::addColumn<QString>("database");

    QTest::newRow("quote") << "o'brien" << "it's" << "db";
    QTest::newRow("backslash") << "u" << "a\\b\\" << "d\\b";
    QTest::newRow("spaces and equals") << "u" << "pass word = x" << "my db";
    QTest::newRow("keyword injection") << "u" << "x' host='evil.example" << "d";
    QTest::newRow("chinese") << "王芳" << "密码123" << "客服";
    QTest::newRow("trailing quote and backslash") << "u" << "\\'" << "d'";
}

void TestPgRemoteParse::conninfoQuotesHostileValues()
{
    QFETCH(QString, user);
    QFETCH(QString, password);
    QFETCH(QString, database);
    PgDsn d = dsn("postgresql://x@127.0.0.1:5432/x");
    d = d.withLogin(user, password).withDatabase(database);
    QString error;
    const auto parsed = parsedByLibpq(PgRemote::conninfo(d, PgRemote::Options()), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(parsed.value(QStringLiteral("user")), user);
    QCOMPARE(parsed.value(QStringLiteral("password")), password);
    QCOMPARE(parsed.value(QStringLiteral("dbname")), database);
    QCOMPARE(parsed.value(QStringLiteral("host")), QStringLiteral("127.0.0.1"));
    QCOMPARE(parsed.value(QStringLiteral("port")), QStringLiteral("5432"));
}

void TestPgRemoteParse::conninfoTakesTheAddressesOptions()
{
    PgRemote::Options options;
    options.connectTimeoutS = 7;
    options.applicationName = QStringLiteral("telcodesk-bench");
    QString error;
    auto parsed = parsedByLibpq(PgRemote::conninfo(dsn("postgresql://u:p@h/d"), options), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(parsed.value(QStringLiteral("connect_timeout")), QStringLiteral("7"));
    QCOMPARE(parsed.value(QStringLiteral("application_name")), QStringLiteral("telcodesk-bench"));
    QCOMPARE(parsed.value(QStringLiteral("keepalives")), QStringLiteral("1"));
    QCOMPARE(parsed.value(QStringLiteral("keepalives_idle")), QStringLiteral("10"));
    QCOMPARE(parsed.value(QStringLiteral("keepalives_interval")), QStringLiteral("5"));
    QCOMPARE(parsed.value(QStringLiteral("keepalives_count")), QStringLiteral("3"));
    QCOMPARE(parsed.value(QStringLiteral("client_encoding")), QStringLiteral("UTF8"));

    // What the address says wins over the program's defaults, and is written once.
    const QByteArray info = PgRemote::conninfo(
        dsn("postgresql://u:p@h/d?connect_timeout=3&application_name=desk-7&target_session_attrs=read-write"), options);
    QCOMPARE(info.count("connect_timeout="), qsizetype(1));
    QCOMPARE(info.count("application_name="), qsizetype(1));
    parsed = parsedByLibpq(info, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(parsed.value(QStringLiteral("connect_timeout")), QStringLiteral("3"));
    QCOMPARE(parsed.value(QStringLiteral("application_name")), QStringLiteral("desk-7"));
    QCOMPARE(parsed.value(QStringLiteral("target_session_attrs")), QStringLiteral("read-write"));
}

void TestPgRemoteParse::conninfoLeavesMissingCredentialsToLibpq()
{
    const QByteArray info = PgRemote::conninfo(dsn("postgresql://h:5433/d"), PgRemote::Options());
    QVERIFY2(!info.contains("user="), info.constData());
    QVERIFY2(!info.contains("password="), info.constData());
    QVERIFY(info.startsWith("host='h' port='5433' dbname='d' "));
}

void TestPgRemoteParse::pullAnswerIsRead()
{
    const QByteArray json = R"({"rows":[
        {"tbl":"customer","id":"0190a1b2-0000-7000-8000-000000000001","row_version":41,
         "row":{"id":"0190a1b2-0000-7000-8000-000000000001","name":"王芳","row_version":41,"deleted_at":null}},
        {"tbl":"ticket","id":"0190a1b2-0000-7000-8000-000000000002","row_version":9007199254740993,"row":null}],
        "cursor":"1.100.120.110.42.abcdef012345","more":true,"resync":false})";
    const auto page = PgRemote::parsePullAnswer(json);
    QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
    QCOMPARE(page->rows.size(), 2);
    QCOMPARE(page->cursor, QStringLiteral("1.100.120.110.42.abcdef012345"));
    QCOMPARE(page->more, true);
    QCOMPARE(page->resync, false);
    QCOMPARE(page->resyncReason, QString());
    QCOMPARE(page->bytes, qint64(json.size()));
    const PulledRow& first = page->rows.at(0);
    QCOMPARE(first.table, QStringLiteral("customer"));
    QCOMPARE(first.id, QStringLiteral("0190a1b2-0000-7000-8000-000000000001"));
    QCOMPARE(first.rowVersion, qint64(41));
    QCOMPARE(first.removed, false);
    QCOMPARE(first.row.value(QStringLiteral("name")).toString(), QStringLiteral("王芳"));
    QVERIFY(first.row.value(QStringLiteral("deleted_at")).isNull());
    const PulledRow& second = page->rows.at(1);
    QCOMPARE(second.table, QStringLiteral("ticket"));
    QCOMPARE(second.removed, true);
    QVERIFY(second.row.isEmpty());
    // Row versions come from a bigint sequence: beyond 2^53 they must not be rounded.
    QCOMPARE(second.rowVersion, Q_INT64_C(9007199254740993));
}

void TestPgRemoteParse::pullResyncAnswerIsRead()
{
    const auto page = PgRemote::parsePullAnswer(R"({"rows":[],"cursor":"","more":false,"resync":true,"reason":"scope"})");
    QVERIFY2(page.ok(), qPrintable(page.errorMessage()));
    QCOMPARE(page->resync, true);
    QCOMPARE(page->resyncReason, QStringLiteral("scope"));
    QCOMPARE(page->rows.size(), 0);
    QCOMPARE(page->more, false);
    QCOMPARE(page->cursor, QString());

    const auto last = PgRemote::parsePullAnswer(R"({"rows":[],"cursor":"1.5....abcdef012345","more":false,"resync":false})");
    QVERIFY2(last.ok(), qPrintable(last.errorMessage()));
    QCOMPARE(last->rows.size(), 0);
    QCOMPARE(last->cursor, QStringLiteral("1.5....abcdef012345"));
}

void TestPgRemoteParse::hostilePullAnswersAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    const QByteArray tail = R"(,"cursor":"c","more":false,"resync":false})";
    const auto withRow = [&tail](const char* row) -> QByteArray { return QByteArray(R"({"rows":[)") + row + "]" + tail; };
    QTest::newRow("empty") << QByteArray() << "not JSON";
    QTest::newRow("not JSON") << QByteArray("<html>502 Bad Gateway</html>") << "not JSON";
    QTest::newRow("truncated") << QByteArray(R"({"rows":[{"tbl":"customer")") << "not JSON";
    QTest::newRow("array") << QByteArray("[]") << "not a JSON object";
    QTest::newRow("rows missing") << QByteArray(R"({"cursor":"c","more":false,"resync":false})") << "\"rows\"";
    QTest::newRow("rows an object") << QByteArray(R"({"rows":{})") + tail << "\"rows\"";
    QTest::newRow("cursor missing") << QByteArray(R"({"rows":[],"more":false,"resync":false})") << "\"cursor\"";
    QTest::newRow("cursor a number") << QByteArray(R"({"rows":[],"cursor":5,"more":false,"resync":false})") << "\"cursor\"";
    QTest::newRow("more missing") << QByteArray(R"({"rows":[],"cursor":"c","resync":false})") << "\"more\"";
    QTest::newRow("more a string") << QByteArray(R"({"rows":[],"cursor":"c","more":"false","resync":false})") << "\"more\"";
    QTest::newRow("resync missing") << QByteArray(R"({"rows":[],"cursor":"c","more":false})") << "\"resync\"";
    QTest::newRow("resync a number") << QByteArray(R"({"rows":[],"cursor":"c","more":false,"resync":0})") << "\"resync\"";
    QTest::newRow("reason a number") << QByteArray(R"({"rows":[],"cursor":"","more":false,"resync":true,"reason":1})")
                                     << "\"reason\"";
    QTest::newRow("resync with rows")
        << QByteArray(R"({"rows":[{"tbl":"t","id":"i","row_version":1,"row":null}],"cursor":"","more":false,"resync":true})")
        << "resync";
    QTest::newRow("more without cursor") << QByteArray(R"({"rows":[],"cursor":"","more":true,"resync":false})") << "cursor";
    QTest::newRow("entry a string") << withRow(R"("customer")") << "rows[0]";
    QTest::newRow("tbl missing") << withRow(R"({"id":"i","row_version":1,"row":null})") << "rows[0].tbl";
    QTest::newRow("tbl a number") << withRow(R"({"tbl":3,"id":"i","row_version":1,"row":null})") << "rows[0].tbl";
    QTest::newRow("tbl empty") << withRow(R"({"tbl":"","id":"i","row_version":1,"row":null})") << "rows[0].tbl";
    QTest::newRow("id missing") << withRow(R"({"tbl":"t","row_version":1,"row":null})") << "rows[0].id";
    QTest::newRow("id a number") << withRow(R"({"tbl":"t","id":12,"row_version":1,"row":null})") << "rows[0].id";
    QTest::newRow("row_version missing") << withRow(R"({"tbl":"t","id":"i","row":null})") << "rows[0].row_version";
    QTest::newRow("row_version a string") << withRow(R"({"tbl":"t","id":"i","row_version":"1","row":null})")
                                          << "rows[0].row_version";
    QTest::newRow("row_version a fraction") << withRow(R"({"tbl":"t","id":"i","row_version":1.5,"row":null})")
                                            << "rows[0].row_version";
    QTest::newRow("row_version negative") << withRow(R"({"tbl":"t","id":"i","row_version":-3,"row":null})")
                                          << "rows[0].row_version";
    QTest::newRow("row missing") << withRow(R"({"tbl":"t","id":"i","row_version":1})") << "rows[0].row";
    QTest::newRow("row an array") << withRow(R"({"tbl":"t","id":"i","row_version":1,"row":[1]})") << "rows[0].row";
    QTest::newRow("row a string") << withRow(R"({"tbl":"t","id":"i","row_version":1,"row":"{}"})") << "rows[0].row";
    QTest::newRow("second entry bad")
        << withRow(R"({"tbl":"t","id":"i","row_version":1,"row":null},{"tbl":"t","id":"j","row_version":true,"row":null})")
        << "rows[1].row_version";
}

void TestPgRemoteParse::hostilePullAnswersAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto page = PgRemote::parsePullAnswer(json);
    QVERIFY(!page.ok());
    QCOMPARE(page.error().code, QStringLiteral("protocol"));
    QVERIFY2(page.errorMessage().contains(mentions), qPrintable(page.errorMessage()));
}

void TestPgRemoteParse::batchAnswerIsRead()
{
    const auto batch = PgRemote::parseBatchAnswer(R"({"last_seq":15,"results":[
        {"seq":12,"status":"applied","row_version":987},
        {"seq":13,"status":"rejected","code":"workflow","reason":"a closed ticket cannot go back to new"},
        {"seq":14,"status":"duplicate"},
        {"seq":15,"status":"conflict","row_version":990,"reason":"changed on the server too: title"}]})");
    QVERIFY2(batch.ok(), qPrintable(batch.errorMessage()));
    QCOMPARE(batch->lastSeq, qint64(15));
    QCOMPARE(batch->results.size(), 4);
    QCOMPARE(batch->results.at(0).seq, qint64(12));
    QCOMPARE(batch->results.at(0).status, QStringLiteral("applied"));
    QCOMPARE(batch->results.at(0).rowVersion, qint64(987));
    QCOMPARE(batch->results.at(1).status, QStringLiteral("rejected"));
    QCOMPARE(batch->results.at(1).code, QStringLiteral("workflow"));
    QCOMPARE(batch->results.at(1).reason, QStringLiteral("a closed ticket cannot go back to new"));
    QCOMPARE(batch->results.at(1).rowVersion, qint64(0));
    QCOMPARE(batch->results.at(2).status, QStringLiteral("duplicate"));
    QCOMPARE(batch->results.at(2).reason, QString());
    QCOMPARE(batch->results.at(3).status, QStringLiteral("conflict"));
    QCOMPARE(batch->results.at(3).rowVersion, qint64(990));

    const auto empty = PgRemote::parseBatchAnswer(R"({"last_seq":0,"results":[]})");
    QVERIFY2(empty.ok(), qPrintable(empty.errorMessage()));
    QCOMPARE(empty->results.size(), 0);
}

void TestPgRemoteParse::hostileBatchAnswersAreRefused_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");

    const auto withResult = [](const char* r) -> QByteArray { return QByteArray(R"({"last_seq":3,"results":[)") + r + "]}"; };
    QTest::newRow("empty") << QByteArray() << "not JSON";
    QTest::newRow("not JSON") << QByteArray("ERROR") << "not JSON";
    QTest::newRow("array") << QByteArray(R"([{"seq":1}])") << "not a JSON object";
    QTest::newRow("last_seq missing") << QByteArray(R"({"results":[]})") << "\"last_seq\"";
    QTest::newRow("last_seq a string") << QByteArray(R"({"last_seq":"3","results":[]})") << "\"last_seq\"";
    QTest::newRow("last_seq a fraction") << QByteArray(R"({"last_seq":2.5,"results":[]})") << "\"last_seq\"";
    QTest::newRow("results missing") << QByteArray(R"({"last_seq":3})") << "\"results\"";
    QTest::newRow("results an object") << QByteArray(R"({"last_seq":3,"results":{}})") << "\"results\"";
    QTest::newRow("entry a number") << withResult("3") << "results[0]";
    QTest::newRow("seq missing") << withResult(R"({"status":"applied"})") << "results[0].seq";
    QTest::newRow("seq zero") << withResult(R"({"seq":0,"status":"applied"})") << "results[0].seq";
    QTest::newRow("seq a string") << withResult(R"({"seq":"3","status":"applied"})") << "results[0].seq";
    QTest::newRow("status missing") << withResult(R"({"seq":3})") << "results[0].status";
    QTest::newRow("status unknown") << withResult(R"({"seq":3,"status":"maybe"})") << "results[0].status";
    QTest::newRow("status a number") << withResult(R"({"seq":3,"status":1})") << "results[0].status";
    QTest::newRow("rejected without code") << withResult(R"({"seq":3,"status":"rejected","reason":"no"})") << "results[0]";
    QTest::newRow("code a number") << withResult(R"({"seq":3,"status":"rejected","code":5,"reason":"r"})")
                                   << "results[0].code";
    QTest::newRow("reason an object") << withResult(R"({"seq":3,"status":"rejected","code":"invalid","reason":{}})")
                                      << "results[0].reason";
    QTest::newRow("row_version a string") << withResult(R"({"seq":3,"status":"applied","row_version":"9"})")
                                          << "results[0].row_version";
}

void TestPgRemoteParse::hostileBatchAnswersAreRefused()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const auto batch = PgRemote::parseBatchAnswer(json);
    QVERIFY(!batch.ok());
    QCOMPARE(batch.error().code, QStringLiteral("protocol"));
    QVERIFY2(batch.errorMessage().contains(mentions), qPrintable(batch.errorMessage()));
}

QTEST_GUILESS_MAIN(TestPgRemoteParse)
#include "tst_pgremoteparse.moc"
