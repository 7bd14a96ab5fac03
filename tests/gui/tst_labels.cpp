#include "Labels.h"
#include "domain/Interaction.h"

#include <QCoreApplication>
#include <QTest>
#include <QTranslator>

using namespace telcodesk;

class TestLabels : public QObject
{
    Q_OBJECT
private slots:
    void everyLoggableCodeHasALabel();
    void sameWordDifferentDomains();
    void unknownCodeShownAsStored();
    void chineseTranslationApplies();
};

void TestLabels::everyLoggableCodeHasALabel()
{
    for (const QString& code : Interaction::channels())
        QVERIFY2(Labels::label(CodeDomain::Channel, code) != code, qPrintable(code));
    for (const QString& code : Interaction::kinds())
        QVERIFY2(Labels::label(CodeDomain::InteractionKind, code) != code, qPrintable(code));
    for (const QString& code : QStringList{"individual", "family", "enterprise"})
        QVERIFY(Labels::label(CodeDomain::CustomerType, code) != code);
    for (const QString& code : QStringList{"standard", "silver", "gold", "platinum", "diamond"})
        QVERIFY(Labels::label(CodeDomain::Tier, code) != code);
    for (const QString& code : QStringList{"mobile", "broadband", "fixed", "iptv", "iot"})
        QVERIFY(Labels::label(CodeDomain::Service, code) != code);
    for (const QString& code : QStringList{"open", "paid", "partial", "overdue"})
        QVERIFY(Labels::label(CodeDomain::BillStatus, code) != code);
    for (const QString& code : QStringList{"complaint", "inquiry", "fault", "suggestion"})
        QVERIFY(Labels::label(CodeDomain::TicketKind, code) != code);
    QCOMPARE(Labels::codes(CodeDomain::Channel), Interaction::channels());
    QCOMPARE(Labels::codes(CodeDomain::InteractionKind), Interaction::kinds());
    QCOMPARE(Labels::role(QStringLiteral("supervisor")), QStringLiteral("Supervisor"));
}

void TestLabels::sameWordDifferentDomains()
{
    QCOMPARE(Labels::label(CodeDomain::BillStatus, QStringLiteral("overdue")), QStringLiteral("Overdue"));
    QCOMPARE(Labels::label(CodeDomain::Channel, QStringLiteral("wechat")), QStringLiteral("WeChat"));
    QCOMPARE(Labels::label(CodeDomain::PayMethod, QStringLiteral("wechat")), QStringLiteral("WeChat Pay"));
    QCOMPARE(Labels::labeler()(CodeDomain::TicketPriority, QStringLiteral("1")), QStringLiteral("P1 urgent"));
}

void TestLabels::unknownCodeShownAsStored()
{
    QCOMPARE(Labels::label(CodeDomain::Segment, QStringLiteral("martian")), QStringLiteral("martian"));
    QCOMPARE(Labels::label(CodeDomain::Tier, QString()), QString());
}

void TestLabels::chineseTranslationApplies()
{
    QTranslator translator;
    QVERIFY(translator.load(QStringLiteral(":/i18n/telcodesk_zh_CN.qm")));
    QCoreApplication::installTranslator(&translator);
    QCOMPARE(Labels::label(CodeDomain::BillStatus, QStringLiteral("overdue")), QStringLiteral("已逾期"));
    QCOMPARE(Labels::label(CodeDomain::Channel, QStringLiteral("hotline")), QStringLiteral("热线"));
    // An open bill and an open ticket are different words in Chinese.
    QVERIFY(Labels::label(CodeDomain::BillStatus, QStringLiteral("open"))
            != Labels::label(CodeDomain::TicketStatus, QStringLiteral("open")));
    QCoreApplication::removeTranslator(&translator);
    QCOMPARE(Labels::label(CodeDomain::Channel, QStringLiteral("hotline")), QStringLiteral("Hotline"));
}

QTEST_GUILESS_MAIN(TestLabels)
#include "tst_labels.moc"
