#include "scoring/CsvTable.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace telcodesk;

class TestCsvTable : public QObject
{
    Q_OBJECT

private slots:
    void quotingBomAndCrlf()
    {
        const QByteArray csv = "\xEF\xBB\xBFid,name,amount,churn\r\n"
                               "a1,\"Smith, John\",12.5,Yes\r\n"
                               "a2,\"say \"\"hi\"\"\",3,no\r\n"
                               "a3,\"two\r\nlines\",-1e2,TRUE\r\n";
        auto t = CsvTable::parse(csv, QStringLiteral("mem.csv"), {QStringLiteral("churn"), QStringLiteral("id")});
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->rowCount(), 3);
        QCOMPARE(int(t->columns().size()), 2); // id and target left out
        QCOMPARE(t->columns()[0].name, QStringLiteral("name")); // the BOM is not part of the first name
        QCOMPARE(t->ids(), QStringList({"a1", "a2", "a3"}));
        const CsvColumn* name = t->column(QStringLiteral("name"));
        QVERIFY(!name->numeric);
        QCOMPARE(name->texts, QStringList({"Smith, John", "say \"hi\"", "two\r\nlines"}));
        const CsvColumn* amount = t->column(QStringLiteral("amount"));
        QVERIFY(amount->numeric);
        QCOMPARE(amount->numbers, (std::vector<double>{12.5, 3, -100}));
        QCOMPARE(t->labels(), (std::vector<double>{1, 0, 1}));
        QCOMPARE(t->lineOfRow(), (std::vector<int>{2, 3, 4}));
    }

    void missingForms_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::newRow("blank") << "";
        QTest::newRow("spaces") << "   ";
        QTest::newRow("NA") << "NA";
        QTest::newRow("na") << "na";
        QTest::newRow("N/A") << "N/A";
        QTest::newRow("NaN") << "NaN";
        QTest::newRow("null") << "null";
        QTest::newRow("NULL") << "NULL";
        QTest::newRow("?") << "?";
    }
    void missingForms()
    {
        QFETCH(QString, cell);
        const QByteArray csv = "x,y\n1," + cell.toUtf8() + "\n2,4\n";
        auto t = CsvTable::parse(csv, QStringLiteral("mem.csv"), {});
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        const CsvColumn* y = t->column(QStringLiteral("y"));
        QVERIFY(y->numeric);
        QVERIFY(std::isnan(y->numbers[0]));
        QCOMPARE(y->numbers[1], 4.0);
        QCOMPARE(y->texts.at(0), QString());
    }

    void typing_data()
    {
        QTest::addColumn<QByteArray>("values");
        QTest::addColumn<bool>("numeric");
        QTest::newRow("integers") << QByteArray("1\n2\n3\n") << true;
        QTest::newRow("decimals and exponents") << QByteArray("1.5\n-2e3\n .25 \n") << true;
        QTest::newRow("numbers with a gap") << QByteArray("1\n\n3\n") << true; // a blank line is skipped
        QTest::newRow("numbers with NA") << QByteArray("1\nNA\n3\n") << true;
        QTest::newRow("one word") << QByteArray("1\n2\nthree\n") << false;
        QTest::newRow("words") << QByteArray("Yes\nNo\nYes\n") << false;
        QTest::newRow("infinity is not a number") << QByteArray("1\ninf\n") << false;
        QTest::newRow("thousands separator") << QByteArray("1,000\n") << false;
    }
    void typing()
    {
        QFETCH(QByteArray, values);
        QFETCH(bool, numeric);
        QByteArray csv = "v\n";
        for (const QByteArray& line : values.split('\n')) {
            if (line.contains(','))
                csv += "\"" + line + "\"\n";
            else
                csv += line + "\n";
        }
        auto t = CsvTable::parse(csv, QStringLiteral("mem.csv"), {});
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->column(QStringLiteral("v"))->numeric, numeric);
    }

    void targets_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("label");
        QTest::newRow("Yes") << "Yes" << 1;
        QTest::newRow("no") << "no" << 0;
        QTest::newRow("True") << "True" << 1;
        QTest::newRow("FALSE") << "FALSE" << 0;
        QTest::newRow("1") << "1" << 1;
        QTest::newRow("0") << "0" << 0;
        QTest::newRow("y") << "y" << 1;
        QTest::newRow("N") << "N" << 0;
        QTest::newRow("2") << "2" << -1;
        QTest::newRow("maybe") << "maybe" << -1;
        QTest::newRow("blank") << "" << -1;
    }
    void targets()
    {
        QFETCH(QString, value);
        QFETCH(int, label);
        QCOMPARE(CsvTable::parseLabel(value), label);
        const QByteArray csv = "x,t\n1,Yes\n2," + value.toUtf8() + "\n";
        auto t = CsvTable::parse(csv, QStringLiteral("mem.csv"), {QStringLiteral("t"), {}});
        if (label >= 0) {
            QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
            QCOMPARE(t->labels()[1], double(label));
        } else {
            QVERIFY(!t.ok());
            QVERIFY2(t.errorMessage().contains(QStringLiteral("line 3")), qPrintable(t.errorMessage()));
            QVERIFY2(t.errorMessage().contains(QLatin1Char('"') + value + QLatin1Char('"')), qPrintable(t.errorMessage()));
        }
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QStringList>("mentions");
        QTest::newRow("empty file") << QByteArray("") << QString() << QStringList{"bad.csv", "empty"};
        QTest::newRow("only blank lines") << QByteArray("\r\n\n") << QString() << QStringList{"bad.csv", "empty"};
        QTest::newRow("ragged row") << QByteArray("a,b,c\n1,2,3\n4,5\n") << QString()
                                    << QStringList{"bad.csv", "line 3", "2 fields", "3"};
        QTest::newRow("long row") << QByteArray("a,b\n1,2\n3,4,5\n") << QString()
                                  << QStringList{"bad.csv", "line 3", "3 fields"};
        QTest::newRow("unterminated quote") << QByteArray("a,b\n1,2\n3,\"open\n4,5\n") << QString()
                                            << QStringList{"bad.csv", "line 3", "field 2", "never closed"};
        QTest::newRow("text after quote") << QByteArray("a,b\n1,\"x\"y\n") << QString()
                                          << QStringList{"bad.csv", "line 2", "field 2"};
        QTest::newRow("missing target") << QByteArray("a,b\n1,2\n") << QStringLiteral("Churn")
                                        << QStringList{"bad.csv", "target", "\"Churn\"", "a, b"};
        QTest::newRow("duplicate column") << QByteArray("a,a\n1,2\n") << QString()
                                          << QStringList{"bad.csv", "\"a\"", "twice"};
    }
    void badInput()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, target);
        QFETCH(QStringList, mentions);
        auto t = CsvTable::parse(csv, QStringLiteral("bad.csv"), {target, {}});
        QVERIFY(!t.ok());
        for (const QString& m : mentions)
            QVERIFY2(t.errorMessage().contains(m), qPrintable(t.errorMessage() + QStringLiteral(" lacks ") + m));
    }

    void missingIdColumn()
    {
        auto t = CsvTable::parse("a,b\n1,2\n", QStringLiteral("x.csv"), {{}, QStringLiteral("customerID")});
        QVERIFY(!t.ok());
        QVERIFY(t.errorMessage().contains(QStringLiteral("customerID")));
    }

    void lastLineWithoutBreakAndQuotedEmpty()
    {
        auto t = CsvTable::parse("a,b\n\"\",2\n3,4", QStringLiteral("x.csv"), {});
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->rowCount(), 2);
        QVERIFY(std::isnan(t->column(QStringLiteral("a"))->numbers[0]));
        QCOMPARE(t->column(QStringLiteral("b"))->numbers[1], 4.0);
    }

    void utf8Text()
    {
        auto t = CsvTable::parse("城市,x\n北京,1\n上海,2\n", QStringLiteral("x.csv"), {});
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->column(QStringLiteral("城市"))->texts, QStringList({"北京", "上海"}));
    }

    void severalFilesTypedTogether()
    {
        // The second file's "?" and text make the combined column categorical for both.
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        QFile a(tmp.filePath(QStringLiteral("a.csv")));
        QVERIFY(a.open(QIODevice::WriteOnly));
        a.write("x,t\n1,Yes\n2,No\n");
        a.close();
        QFile b(tmp.filePath(QStringLiteral("b.csv")));
        QVERIFY(b.open(QIODevice::WriteOnly));
        b.write("x,t\nbig,Yes\n");
        b.close();
        auto t = CsvTable::readFiles({a.fileName(), b.fileName()}, {QStringLiteral("t"), {}});
        QVERIFY2(t.ok(), qPrintable(t.errorMessage()));
        QCOMPARE(t->rowCount(), 3);
        QCOMPARE(t->fileOfRow(), (std::vector<int>{0, 0, 1}));
        QVERIFY(!t->column(QStringLiteral("x"))->numeric);

        QFile c(tmp.filePath(QStringLiteral("c.csv")));
        QVERIFY(c.open(QIODevice::WriteOnly));
        c.write("x,u\n1,Yes\n");
        c.close();
        auto bad = CsvTable::readFiles({a.fileName(), c.fileName()}, {QStringLiteral("t"), {}});
        QVERIFY(!bad.ok());
        QVERIFY2(bad.errorMessage().contains(QStringLiteral("c.csv")), qPrintable(bad.errorMessage()));
    }
};

QTEST_GUILESS_MAIN(TestCsvTable)
#include "tst_csvtable.moc"
