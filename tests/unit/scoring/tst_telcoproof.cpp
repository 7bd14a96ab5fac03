#include "scoring/CsvTable.h"
#include "scoring/Trainer.h"

#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QTest>

#include <cmath>

using namespace telcodesk;

/// The proof on real data (issue 6): our logistic regression on IBM Telco with the fixed split reproduces the
/// reference model of ../shared/data/churn/README.md, row by row.
class TestTelcoProof : public QObject
{
    Q_OBJECT

    QString m_dir;
    Trainer::Report m_report;

private slots:
    void initTestCase()
    {
        m_dir = qEnvironmentVariable("TELCODESK_SHARED_DATA") + QStringLiteral("/churn");
        if (!QFile::exists(m_dir + QStringLiteral("/Telco-Customer-Churn.ibm.csv")))
            QSKIP("the shared churn data is absent (set TELCODESK_SHARED_DATA to the folder holding churn/): "
                  "the proof on IBM Telco is skipped");
        Trainer::Options options;
        options.csv = m_dir + QStringLiteral("/Telco-Customer-Churn.ibm.csv");
        options.target = QStringLiteral("Churn");
        options.idColumn = QStringLiteral("customerID");
        options.splitFile = m_dir + QStringLiteral("/split_indices.csv");
        // The README's preprocessing: a blank TotalCharges (tenure 0, nothing billed yet) is 0, not the mean.
        options.preprocessing.fixedFill.insert(QStringLiteral("TotalCharges"), 0.0);
        QElapsedTimer timer;
        timer.start();
        auto report = Trainer::train(options);
        QVERIFY2(report.ok(), qPrintable(report.errorMessage()));
        m_report = std::move(report.value());
        qInfo("%s (with reading: %lld ms, %d Newton iterations)", qPrintable(m_report.jsonLine()),
              timer.elapsed(), m_report.model.lr.iterations());
    }

    void shape()
    {
        QCOMPARE(m_report.trainRows, 5634);
        QCOMPARE(m_report.testRows, 1409);
        QCOMPARE(m_report.features, 45);
        QVERIFY(m_report.model.lr.converged());
    }

    void testAuc()
    {
        QVERIFY2(std::abs(m_report.test.auc - 0.8440) <= 0.0005, qPrintable(QString::number(m_report.test.auc, 'f', 6)));
        QVERIFY2(std::abs(m_report.test.logLoss - 0.4200) <= 0.0005, qPrintable(QString::number(m_report.test.logLoss, 'f', 6)));
        QVERIFY2(std::abs(m_report.test.accuracy - 0.7977) <= 0.0005, qPrintable(QString::number(m_report.test.accuracy, 'f', 6)));
    }

    void everyTestRowMatchesTheReference()
    {
        auto reference = CsvTable::readFile(m_dir + QStringLiteral("/telco_lr_purepy_test_scores.csv"), {});
        QVERIFY2(reference.ok(), qPrintable(reference.errorMessage()));
        const CsvColumn* ids = reference->column(QStringLiteral("customerID"));
        const CsvColumn* p = reference->column(QStringLiteral("p_churn"));
        QVERIFY(ids && p && p->numeric);
        QHash<QString, double> expected;
        for (int r = 0; r < reference->rowCount(); ++r)
            expected.insert(ids->texts.at(r), p->numbers[std::size_t(r)]);
        QCOMPARE(expected.size(), 1409);
        QCOMPARE(m_report.testIds.size(), qsizetype(m_report.testProbabilities.size()));
        double worst = 0;
        for (std::size_t i = 0; i < m_report.testProbabilities.size(); ++i) {
            const QString id = m_report.testIds.at(qsizetype(i));
            QVERIFY2(expected.contains(id), qPrintable(id));
            const double diff = std::abs(m_report.testProbabilities[i] - expected.value(id));
            worst = std::max(worst, diff);
            QVERIFY2(diff <= 1e-4, qPrintable(QStringLiteral("%1: %2 against %3").arg(id).arg(m_report.testProbabilities[i]).arg(expected.value(id))));
        }
        qInfo("largest probability difference from the reference: %.3g", worst);
    }

    void coefficientsMatchTheReference()
    {
        auto reference = CsvTable::readFile(m_dir + QStringLiteral("/telco_lr_purepy_coefficients.csv"), {});
        QVERIFY2(reference.ok(), qPrintable(reference.errorMessage()));
        const CsvColumn* names = reference->column(QStringLiteral("feature"));
        const CsvColumn* coef = reference->column(QStringLiteral("coef"));
        QVERIFY(names && coef && coef->numeric);
        const QStringList ours = m_report.model.preprocessor.featureNames();
        QCOMPARE(reference->rowCount(), ours.size() + 1);
        double worst = 0;
        for (int r = 0; r < reference->rowCount(); ++r) {
            const QString name = names->texts.at(r);
            double value = 0;
            if (name == QLatin1String("(intercept)")) {
                value = m_report.model.lr.intercept();
            } else {
                const qsizetype j = ours.indexOf(name);
                QVERIFY2(j >= 0, qPrintable(name));
                value = m_report.model.lr.weights()[std::size_t(j)];
            }
            const double diff = std::abs(value - coef->numbers[std::size_t(r)]);
            worst = std::max(worst, diff);
            QVERIFY2(diff <= 1e-6, qPrintable(QStringLiteral("%1: %2 against %3").arg(name).arg(value, 0, 'g', 12).arg(coef->numbers[std::size_t(r)], 0, 'g', 12)));
        }
        qInfo("largest coefficient difference from the reference: %.3g", worst);
    }
};

QTEST_GUILESS_MAIN(TestTelcoProof)
#include "tst_telcoproof.moc"
