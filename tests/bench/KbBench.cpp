#include "KbBench.h"

#include "demo/KbGenerator.h"
#include "kb/KbFts.h"
#include "kb/KbSearch.h"
#include "kb/KbSuggest.h"
#include "store/LocalStore.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <random>

namespace telcodesk::bench {

namespace {

double msSince(const QElapsedTimer& t)
{
    return t.nsecsElapsed() / 1e6;
}

QStringList words(const char* const* list, int n)
{
    QStringList out;
    for (int i = 0; i < n; ++i)
        out.append(QString::fromUtf8(list[i]));
    return out;
}

// What agents type. The one-character set leans to characters that occur in most articles: the worst
// case for ranking, since every match is scored.
const char* const kZh1[] = {"卡", "网", "费", "号", "机", "漫", "宽", "停", "包", "套", "流", "码", "退", "欠", "猫"};
const char* const kZh2[] = {"宽带", "流量", "套餐", "携号", "漫游", "话费", "停机", "实名", "光猫", "欠费",
                            "退费", "信号", "合约", "副卡", "账单", "资费", "装机", "补卡", "日包", "限速"};
const char* const kZhMulti[] = {"携号转网", "宽带故障", "流量加油包", "国际漫游", "实名登记", "重启光猫",
                                "套餐变更", "停机保号", "计费争议", "宽带移机", "授权码", "5G套餐",
                                "日本漫游", "增值业务", "重复扣费", "网速慢", "信号弱", "合约期"};
const char* const kEn[] = {"roaming", "refund", "broadband speed", "data pack", "porting", "double charge", "eSIM",
                           "roa", "bill", "modem", "real-name", "day pass", "coverage", "suspension", "plan change",
                           "passport", "optical modem LOS"};

// Ticket descriptions as agents write them; each is repeated with variations to about 500 characters.
const char* const kTicketTextsZh[] = {
    "客户来电反映家里宽带从昨晚开始无法上网，光猫上的LOS灯一直红色闪烁，已经自己重启过两次没有用，"
    "家里有老人孩子需要上网课，情绪比较着急，要求尽快派人上门检修。客户地址在小区3栋，宽带账号已核实。",
    "用户称本月话费比平时多扣了六十多元，查询详单发现有一项不认识的增值业务扣费，用户表示从未订购，"
    "要求退订并退还已扣费用，同时投诉未经同意开通业务，希望给出书面答复。",
    "客户准备下个月去日本出差一周，询问国际漫游怎么开通，流量日包多少钱，是否可以在当地用5G网络，"
    "以及回国后需不需要手动关闭漫游功能，担心产生高额费用。",
    "用户想把号码携号转网到其他运营商，咨询办理条件，名下合约还有三个月到期，询问是否需要支付违约金，"
    "授权码怎么获取，办理期间会不会停机，原来的余额能否退还。",
    "客户反映本月流量提前用完被限速，询问能否购买流量加油包，加油包当月是否有效，"
    "另外想了解是否有更合适的套餐，每月流量大概用四十G左右，通话很少。"};
const char* const kTicketTextsEn[] = {
    "The customer called because the home broadband has been down since last night. The optical modem shows a "
    "red LOS light and restarting it twice did not help. They work from home and ask for an engineer visit as "
    "soon as possible. Address and account were verified.",
    "The customer was charged twice for the monthly fee on this bill and found an unknown value-added service "
    "in the detailed bill. They never subscribed and want it cancelled and the double charge refunded.",
    "The customer travels to Japan next month and asks how to turn on roaming, how much a data day pass costs, "
    "whether 5G works there and whether roaming must be switched off after returning."};

QString padTo(const QString& text, int chars, std::mt19937_64& rng)
{
    static const QStringList fillerZh = {QStringLiteral("客户再次来电催促。"), QStringLiteral("已告知处理时限。"),
                                         QStringLiteral("用户要求回电。"), QStringLiteral("已核实身份信息。")};
    static const QStringList fillerEn = {QStringLiteral(" The customer called again."),
                                         QStringLiteral(" Identity was verified."),
                                         QStringLiteral(" A callback was requested.")};
    const bool zh = text.at(0).unicode() > 0x2000;
    QString out = text;
    while (out.size() < chars) {
        const QStringList& filler = zh ? fillerZh : fillerEn;
        out += (rng() % 3 == 0) ? filler.at(int(rng() % filler.size())) : text.left(int(60 + rng() % 80));
    }
    return out.left(chars);
}

struct QuerySet
{
    QString metric;
    QStringList queries;
};

} // namespace

const QStringList& kbMetricNames()
{
    static const QStringList names{QStringLiteral("kb.search.zh1"), QStringLiteral("kb.search.zh2"),
                                   QStringLiteral("kb.search.zh_multi"), QStringLiteral("kb.search.en"),
                                   QStringLiteral("kb.suggest")};
    return names;
}

void runKnowledgeBase(const BenchOptions& o, int articles, Report& report)
{
    const bool any = std::any_of(kbMetricNames().begin(), kbMetricNames().end(),
                                 [&](const QString& m) { return o.wants(m); });
    if (!any)
        return;
    const auto skipAll = [&](const QString& reason) {
        for (const QString& m : kbMetricNames())
            if (o.wants(m))
                report.skipped(m, reason);
    };
    QTemporaryDir dir;
    if (!dir.isValid())
        return skipAll(QStringLiteral("no temporary folder"));
    auto opened = LocalStore::open(dir.filePath(QString::fromLatin1(LocalStore::kFileName)));
    if (!opened)
        return skipAll(opened.errorMessage());
    const LocalStorePtr store = opened.value();

    KbGenerator::Options generate;
    generate.articles = articles;
    generate.seed = o.seed;
    generate.asOf = QDate(2026, 11, 20);
    QElapsedTimer timer;
    timer.start();
    const auto generated = KbGenerator::generate(store, generate);
    if (!generated)
        return skipAll(QStringLiteral("generating the knowledge base failed: ") + generated.errorMessage());
    const double generateSeconds = timer.elapsed() / 1000.0;
    {
        QSqlQuery q(store->connection());
        q.exec(QStringLiteral("PRAGMA optimize"));
        q.exec(QStringLiteral("INSERT INTO kb_fts(kb_fts) VALUES ('optimize')"));
    }
    qint64 published = 0;
    {
        QSqlQuery q(store->connection());
        if (q.exec(QStringLiteral("SELECT count(*) FROM kb_search WHERE status = 'published'")) && q.next())
            published = q.value(0).toLongLong();
    }
    const QJsonObject scale{{QStringLiteral("articles"), qint64(generated->articles)},
                            {QStringLiteral("published"), published}};

    const int runs = std::max(20, o.searchQueries / 10);
    const int referenceRuns = std::max(3, o.referenceQueries);
    KbSearch search(store);

    // The reference: what a store without a full-text index does, a LIKE scan of title, tags and body for
    // every article that contains the text (all of them: ranking needs every match, as ours does).
    QSqlQuery like(store->connection());
    like.prepare(QStringLiteral("SELECT id FROM kb_article WHERE status = 'published' AND deleted_at IS NULL "
                                "AND (title LIKE ? OR body LIKE ? OR tags LIKE ?)"));

    const QVector<QuerySet> sets{
        {QStringLiteral("kb.search.zh1"), words(kZh1, int(std::size(kZh1)))},
        {QStringLiteral("kb.search.zh2"), words(kZh2, int(std::size(kZh2)))},
        {QStringLiteral("kb.search.zh_multi"), words(kZhMulti, int(std::size(kZhMulti)))},
        {QStringLiteral("kb.search.en"), words(kEn, int(std::size(kEn)))},
    };
    for (const QuerySet& set : sets) {
        if (!o.wants(set.metric))
            continue;
        QVector<double> ours;
        qint64 hits = 0;
        qint64 empty = 0;
        for (int i = 0; i < runs; ++i) {
            const QString& query = set.queries.at(i % set.queries.size());
            timer.restart();
            const auto result = search.search(query);
            ours.append(msSince(timer));
            if (!result)
                return skipAll(QStringLiteral("search failed: ") + result.errorMessage());
            hits += result->hits.size();
            if (result->hits.isEmpty())
                ++empty;
        }
        QVector<double> reference;
        for (int i = 0; i < referenceRuns; ++i) {
            const QString& query = set.queries.at(i % set.queries.size());
            timer.restart();
            const QString pattern = QLatin1Char('%') + query + QLatin1Char('%');
            for (int k = 0; k < 3; ++k)
                like.bindValue(k, pattern);
            if (!like.exec())
                return skipAll(QStringLiteral("the reference query failed: ") + like.lastError().text());
            while (like.next()) {
            }
            reference.append(msSince(timer));
        }
        const Summary referenceSummary = Summary::of(reference);
        report.metric(set.metric, QStringLiteral("ms"), Summary::of(ours), QStringLiteral("like_scan"),
                      &referenceSummary, scale,
                      {{QStringLiteral("queries"), qint64(set.queries.size())},
                       {QStringLiteral("mean_hits"), double(hits) / runs},
                       {QStringLiteral("empty_results"), empty},
                       {QStringLiteral("generate_s"), generateSeconds}});
    }

    if (o.wants(QStringLiteral("kb.suggest"))) {
        // Every run a different text, as every ticket is: a base description, more sentences, and a
        // passage of a random article in the same language, cut to 500 characters. Document frequencies
        // the suggester remembers carry over from text to text, as they would during an agent's day.
        std::mt19937_64 rng(o.seed);
        QStringList bodiesZh;
        QStringList bodiesEn;
        {
            QSqlQuery q(store->connection());
            q.exec(QStringLiteral("SELECT language, body FROM kb_search WHERE status = 'published' AND rowid_ % 37 = 0"));
            while (q.next())
                (q.value(0).toString() == QLatin1String("en") ? bodiesEn : bodiesZh).append(q.value(1).toString());
        }
        QStringList texts;
        for (int i = 0; i < runs; ++i) {
            const bool english = i % 4 == 3;
            const QString base = english ? QString::fromUtf8(kTicketTextsEn[rng() % std::size(kTicketTextsEn)])
                                         : QString::fromUtf8(kTicketTextsZh[rng() % std::size(kTicketTextsZh)]);
            const QStringList& bodies = english ? bodiesEn : bodiesZh;
            QString passage;
            if (!bodies.isEmpty()) {
                const QString& body = bodies.at(int(rng() % bodies.size()));
                const int start = body.size() > 200 ? int(rng() % (body.size() - 200)) : 0;
                passage = body.mid(start, 160);
            }
            texts.append(padTo(base.left(int(200 + rng() % 150)) + passage, 500, rng));
        }
        KbSuggest suggest(store);
        QVector<double> ours;
        QVector<double> termsOnly;
        qint64 found = 0;
        for (int i = 0; i < runs; ++i) {
            timer.restart();
            const auto hits = suggest.forText(texts.at(i));
            ours.append(msSince(timer));
            if (!hits)
                return skipAll(QStringLiteral("suggest failed: ") + hits.errorMessage());
            found += hits->isEmpty() ? 0 : 1;
            timer.restart();
            suggest.keyTerms(texts.at(i));
            termsOnly.append(msSince(timer));
        }
        const Summary terms = Summary::of(termsOnly);
        // The naive way: the same key terms, each a LIKE scan, OR-ed.
        QVector<double> reference;
        for (int i = 0; i < referenceRuns; ++i) {
            const auto terms = suggest.keyTerms(texts.at(i % texts.size()));
            timer.restart();
            QStringList conditions;
            for (int k = 0; k < terms->size(); ++k)
                conditions << QStringLiteral("body LIKE ?");
            if (conditions.isEmpty())
                conditions << QStringLiteral("0");
            QSqlQuery naive(store->connection());
            naive.prepare(QStringLiteral("SELECT id FROM kb_article WHERE status = 'published' AND (%1)")
                              .arg(conditions.join(QStringLiteral(" OR "))));
            for (const QString& term : *terms)
                naive.addBindValue(QString(QLatin1Char('%') + term + QLatin1Char('%')));
            naive.exec();
            while (naive.next()) {
            }
            reference.append(msSince(timer));
        }
        const Summary referenceSummary = Summary::of(reference);
        report.metric(QStringLiteral("kb.suggest"), QStringLiteral("ms"), Summary::of(ours),
                      QStringLiteral("like_scan_terms"), &referenceSummary, scale,
                      {{QStringLiteral("text_chars"), 500},
                       {QStringLiteral("key_terms_p50"), terms.p50},
                       {QStringLiteral("key_terms_p95"), terms.p95},
                       {QStringLiteral("first_text_ms"), ours.value(0)},
                       {QStringLiteral("with_suggestions"), double(found) / runs}});
    }
}

} // namespace telcodesk::bench
