#include "itemmodels/NoteListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace telcodesk;

class TestNoteListModel : public QObject
{
    Q_OBJECT
private slots:
    void notesNewestFirstAndInsertedInPlace();
};

static CustomerNote note(const QString& id, int day, const QString& body)
{
    CustomerNote n;
    n.id = id;
    n.customerId = QStringLiteral("c");
    n.authorName = QStringLiteral("赵敏");
    n.createdAt = QDateTime(QDate(2026, 1, 1), QTime(12, 0), Qt::UTC).addDays(day);
    n.body = body;
    return n;
}

void TestNoteListModel::notesNewestFirstAndInsertedInPlace()
{
    NoteListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setNotes({note(QStringLiteral("old"), 1, QStringLiteral("VIP客户，优先处理")),
                    note(QStringLiteral("new"), 9, QStringLiteral("Prefers English"))});
    QCOMPARE(model.noteId(0), QStringLiteral("new"));
    QCOMPARE(model.index(1, NoteListModel::BodyColumn).data().toString(), QStringLiteral("VIP客户，优先处理"));
    QCOMPARE(model.index(1, NoteListModel::AuthorColumn).data().toString(), QStringLiteral("赵敏"));

    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QCOMPARE(model.addNote(note(QStringLiteral("mid"), 5, QStringLiteral("回访"))), 1);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(model.rowOfNote(QStringLiteral("mid")), 1);
    QCOMPARE(model.rowOfNote(QStringLiteral("none")), -1);
}

QTEST_GUILESS_MAIN(TestNoteListModel)
#include "tst_notelistmodel.moc"
