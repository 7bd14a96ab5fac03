#include "kb/KbArticleService.h"

#include "common/Uuid.h"
#include "kb/KbFts.h"
#include "store/ChangeWriter.h"

#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <vector>

namespace telcodesk {

namespace {

// The namespace of the name-based (version 5) ids of feedback rows: fixed forever, so that every desktop
// derives the same id for the same vote or view and the server keeps one row (a repeat is a duplicate).
const QUuid kFeedbackNamespace(QStringLiteral("{0f1ac4ee-fb0c-4b5e-9d7a-6b1e5ee0f00d}"));

constexpr int kMaxTitleChars = 200;
constexpr int kMaxTags = 20;
constexpr int kMaxTagChars = 32;
constexpr qint64 kBeijingOffsetMs = 8 * 3600 * 1000;
constexpr qint64 kDayMs = 86400000;
// The longest pair of paragraph lists compared cell by cell; beyond it the differing middle is shown as
// removed and added whole (an article body is at most 65,536 characters, so this is rarely reached).
constexpr qint64 kMaxLcsCells = 4000000;

const QString kDraft = QStringLiteral("draft");
const QString kInReview = QStringLiteral("in_review");
const QString kPublished = QStringLiteral("published");
const QString kRetired = QStringLiteral("retired");

// The columns readArticle() reads, in its order.
const char kArticleColumns[] =
    "id, title, body, category, tags, language, status, version, author_id, reviewer_id, created_at, "
    "published_at, updated_at, change_note, review_note, revision_of, row_version";

QVariant orNull(const QString& text)
{
    return text.isEmpty() ? QVariant() : QVariant(text);
}

// For the NOT NULL text columns (tags, change_note, review_note): an empty QString may be a null one, which
// would bind as NULL.
QVariant textOrEmpty(const QString& text)
{
    return text.isEmpty() ? QVariant(QStringLiteral("")) : QVariant(text);
}

// Tags are stored as one text, comma-separated (the separator parseTags splits on, so no tag holds one).
QString tagsText(const QStringList& tags)
{
    return tags.isEmpty() ? QStringLiteral("") : tags.join(QLatin1Char(','));
}

/// A change of one kb_article row.
Change articleChange(Change::Op op, const QString& id)
{
    Change change;
    change.op = op;
    change.table = QStringLiteral("kb_article");
    change.id = id;
    return change;
}

/// The content fields (title, body, category, tags, language) that differ from what the article holds.
/// Only what changed is sent: the server merges field by field, and an unchanged field sent along would
/// conflict with another editor's change to it.
void setChangedContent(QVariantMap& fields, const KbDraft& now, const KbArticle& before)
{
    const auto setIfChanged = [&](const char* column, const QString& value, const QString& old) {
        if (value != old)
            fields.insert(QString::fromLatin1(column), textOrEmpty(value));
    };
    setIfChanged("title", now.title, before.title);
    setIfChanged("body", now.body, before.body);
    setIfChanged("category", now.category, before.category);
    setIfChanged("tags", tagsText(now.tags), tagsText(before.tags));
    setIfChanged("language", now.language, before.language);
}

QStringList tagList(const QString& stored)
{
    return KbArticleService::parseTags(stored);
}

qint64 beijingDay(qint64 utcMs)
{
    return (utcMs + kBeijingOffsetMs) / kDayMs;
}

Error ioError(const QString& what, const QSqlQuery& q)
{
    return Error{what.arg(q.lastError().text()), QStringLiteral("io")};
}

// ChangeWriter's own codes ("constraint" and the like) mean the local write failed: for the services'
// callers that is "io", except for the codes they document.
Status writeResult(const Status& written)
{
    if (written)
        return written;
    const QString code = written.error().code;
    if (code == QLatin1String("invalid") || code == QLatin1String("not_found") || code == QLatin1String("io"))
        return written;
    return Error{written.error().message, QStringLiteral("io")};
}

KbArticle articleFrom(const QSqlQuery& q)
{
    KbArticle a;
    a.id = q.value(0).toString();
    a.title = q.value(1).toString();
    a.body = q.value(2).toString();
    a.category = q.value(3).toString();
    a.tags = tagList(q.value(4).toString());
    a.language = q.value(5).toString();
    a.status = q.value(6).toString();
    a.version = q.value(7).toInt();
    a.authorId = q.value(8).toString();
    a.reviewerId = q.value(9).toString();
    a.createdAt = q.value(10).toLongLong();
    a.publishedAt = q.value(11).toLongLong();
    a.updatedAt = q.value(12).toLongLong();
    a.changeNote = q.value(13).toString();
    a.reviewNote = q.value(14).toString();
    a.revisionOf = q.value(15).toString();
    a.rowVersion = q.value(16).toLongLong();
    return a;
}

/// The live article with this id; "not_found" when there is none, "io" when it cannot be read.
Result<KbArticle> readArticle(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM kb_article WHERE id = ? AND deleted_at IS NULL")
                  .arg(QLatin1String(kArticleColumns)));
    q.addBindValue(id);
    if (!q.exec())
        return ioError(KbArticleService::tr("Cannot read the article: %1"), q);
    if (!q.next())
        return Error{KbArticleService::tr("The article no longer exists."), QStringLiteral("not_found")};
    return articleFrom(q);
}

Status permissionError()
{
    return Error{KbArticleService::tr("Only supervisors and administrators write and review knowledge-base articles."),
                 QStringLiteral("permission")};
}

Error stateError(const KbArticle& article, const QString& action)
{
    //: %1 the article's title, %2 what was attempted (e.g. "approved"), %3 its status
    return Error{KbArticleService::tr("\"%1\" cannot be %2: it is %3.")
                     .arg(article.title, action, article.status == kDraft       ? KbArticleService::tr("a draft")
                                                 : article.status == kInReview  ? KbArticleService::tr("in review")
                                                 : article.status == kPublished ? KbArticleService::tr("published")
                                                                                : KbArticleService::tr("retired")),
                 QStringLiteral("state")};
}

} // namespace

KbDraft KbArticleService::draftOf(const KbArticle& a)
{
    KbDraft d;
    d.title = a.title;
    d.body = a.body;
    d.category = a.category;
    d.tags = a.tags;
    d.language = a.language;
    d.changeNote = a.changeNote;
    return d;
}

namespace {

/// The draft as it will be stored: title trimmed, tags cleaned. Checks every field and names the one that
/// is wrong. A revision (of a published article) needs a change note.
Result<KbDraft> checkedDraft(QSqlDatabase& db, const KbDraft& in, bool revision)
{
    KbDraft d = in;
    d.title = in.title.trimmed();
    d.category = in.category.trimmed();
    d.changeNote = in.changeNote.trimmed();
    d.tags = KbArticleService::parseTags(in.tags.join(QLatin1Char(',')));
    const auto invalid = [](const QString& message) { return Error{message, QStringLiteral("invalid")}; };

    if (d.title.isEmpty())
        return invalid(KbArticleService::tr("Title: a title is required."));
    if (d.title.size() > kMaxTitleChars)
        return invalid(KbArticleService::tr("Title: at most %1 characters (this one has %2).")
                           .arg(kMaxTitleChars)
                           .arg(d.title.size()));
    if (KbFts::plainText(d.body).trimmed().isEmpty())
        return invalid(KbArticleService::tr("Body: the article needs a text."));
    if (d.language != QLatin1String("zh_CN") && d.language != QLatin1String("en"))
        return invalid(KbArticleService::tr("Language: choose Chinese (zh_CN) or English (en), not \"%1\".")
                           .arg(d.language.left(32)));
    if (d.category.isEmpty())
        return invalid(KbArticleService::tr("Category: a category is required."));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM kb_category WHERE code = ? AND deleted_at IS NULL"));
    q.addBindValue(d.category);
    if (!q.exec())
        return ioError(KbArticleService::tr("Cannot read the categories: %1"), q);
    if (!q.next())
        return invalid(KbArticleService::tr("Category: \"%1\" is not a category of the knowledge base.")
                           .arg(d.category.left(64)));
    if (d.tags.size() > kMaxTags)
        return invalid(KbArticleService::tr("Tags: at most %1 tags (there are %2).").arg(kMaxTags).arg(d.tags.size()));
    for (const QString& tag : std::as_const(d.tags)) {
        if (tag.size() > kMaxTagChars)
            return invalid(KbArticleService::tr("Tags: \"%1\" is longer than %2 characters.").arg(tag, QString::number(kMaxTagChars)));
    }
    if (revision && d.changeNote.isEmpty())
        return invalid(KbArticleService::tr("Change note: say what this revision changes."));
    return d;
}

/// The plain-text paragraphs of a body: its lines with text, trimmed.
QStringList paragraphs(const QString& html)
{
    QStringList out;
    const QStringList lines = KbFts::plainText(html).split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString text = line.trimmed();
        if (!text.isEmpty())
            out << text;
    }
    return out;
}

QString feedbackId(const QString& purpose, const QString& articleId, const QString& agentId, qint64 key)
{
    return QUuid::createUuidV5(kFeedbackNamespace, QString(purpose + QLatin1Char('/') + articleId + QLatin1Char('/')
                                                           + agentId + QLatin1Char('/') + QString::number(key)))
        .toString(QUuid::WithoutBraces);
}

/// kb_feedback's kind for this id: empty when there is no such row.
Result<QString> feedbackKind(QSqlDatabase& db, const QString& id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT kind FROM kb_feedback WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(id);
    if (!q.exec())
        return ioError(KbFeedbackService::tr("Cannot read the feedback: %1"), q);
    return q.next() ? q.value(0).toString() : QString();
}

} // namespace

// ---- KbArticleService -------------------------------------------------------------------------------

KbArticleService::KbArticleService(LocalStorePtr store, Session session, const Clock& clock)
    : m_store(std::move(store))
    , m_session(std::move(session))
    , m_clock(clock)
{
}

Result<KbArticle> KbArticleService::articleForStep(QSqlDatabase& db, const QString& id, const QString& status,
                                                  const QString& step) const
{
    if (!m_session.can(Permission::EditKnowledge))
        return permissionError().error();
    auto found = readArticle(db, id);
    if (!found)
        return found.error();
    // A revision is never published itself (its content is approved into its article), so "published"
    // means a published article proper.
    if (found->status != status || (status == kPublished && !found->revisionOf.isEmpty()))
        return stateError(found.value(), step);
    return found;
}

Result<KbArticle> KbArticleService::load(const QString& id) const
{
    QSqlDatabase db = m_store->connection();
    auto found = readArticle(db, id);
    if (!found)
        return found;
    KbArticle article = std::move(found).value();
    // Agents and clerks never hold anything else after a sync; a local draft (demo data, a role change)
    // stays hidden from them all the same.
    if (!m_session.can(Permission::EditKnowledge) && article.status != kPublished)
        return Error{tr("The article no longer exists."), QStringLiteral("not_found")};
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT coalesce(sum(views), 0), coalesce(sum(helpful), 0), coalesce(sum(not_helpful), 0) "
                             "FROM kb_feedback_day WHERE article_id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return ioError(tr("Cannot read the article's feedback: %1"), q);
    article.views = q.value(0).toInt();
    article.helpful = q.value(1).toInt();
    article.notHelpful = q.value(2).toInt();
    return article;
}

Result<QVector<KbCategory>> KbArticleService::categories() const
{
    QSqlQuery q(m_store->connection());
    if (!q.exec(QStringLiteral("SELECT id, code, parent_code, name_zh, name_en, ordinal FROM kb_category "
                               "WHERE deleted_at IS NULL ORDER BY ordinal, code")))
        return ioError(tr("Cannot read the categories: %1"), q);
    QVector<KbCategory> out;
    while (q.next()) {
        KbCategory c;
        c.id = q.value(0).toString();
        c.code = q.value(1).toString();
        c.parentCode = q.value(2).toString();
        c.nameZh = q.value(3).toString();
        c.nameEn = q.value(4).toString();
        c.ordinal = q.value(5).toInt();
        out << c;
    }
    return out;
}

Result<QString> KbArticleService::createDraft(const KbDraft& draft)
{
    if (!m_session.can(Permission::EditKnowledge))
        return permissionError().error();
    QSqlDatabase db = m_store->connection();
    const auto checked = checkedDraft(db, draft, false);
    if (!checked)
        return checked.error();
    return insertDraft(checked.value(), 1, QString());
}

Result<QString> KbArticleService::insertDraft(const KbDraft& d, int version, const QString& revisionOf)
{
    Change insert = articleChange(Change::Op::Insert, UuidV7::create());
    insert.fields = {{QStringLiteral("title"), d.title},
                     {QStringLiteral("body"), d.body},
                     {QStringLiteral("category"), d.category},
                     {QStringLiteral("tags"), tagsText(d.tags)},
                     {QStringLiteral("language"), d.language},
                     {QStringLiteral("status"), kDraft},
                     {QStringLiteral("version"), version},
                     {QStringLiteral("author_id"), orNull(m_session.agentId)},
                     {QStringLiteral("created_at"), m_clock.nowMs()},
                     {QStringLiteral("change_note"), textOrEmpty(d.changeNote)}};
    if (!revisionOf.isEmpty())
        insert.fields.insert(QStringLiteral("revision_of"), revisionOf);
    const Status written = writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{insert}));
    if (!written)
        return written.error();
    return insert.id;
}

Result<QString> KbArticleService::startRevision(const QString& publishedId)
{
    QSqlDatabase db = m_store->connection();
    const auto found = articleForStep(db, publishedId, kPublished, tr("revised"));
    if (!found)
        return found.error();
    const KbArticle& original = found.value();

    QSqlQuery open(db);
    open.prepare(QStringLiteral("SELECT id FROM kb_article WHERE revision_of = ? AND deleted_at IS NULL "
                                "AND status IN ('draft', 'in_review') ORDER BY created_at, id LIMIT 1"));
    open.addBindValue(publishedId);
    if (!open.exec())
        return ioError(tr("Cannot look for an open revision: %1"), open);
    if (open.next())
        return open.value(0).toString();

    // A copy of the article to work on; its change note is the reviser's to write.
    KbDraft copy = draftOf(original);
    copy.changeNote.clear();
    return insertDraft(copy, original.version + 1, publishedId);
}

Status KbArticleService::saveDraft(const QString& id, const KbDraft& draft)
{
    QSqlDatabase db = m_store->connection();
    const auto found = articleForStep(db, id, kDraft, tr("edited"));
    if (!found)
        return found.error();
    const KbArticle& current = found.value();
    const auto checked = checkedDraft(db, draft, !current.revisionOf.isEmpty());
    if (!checked)
        return checked.error();
    const KbDraft& d = checked.value();

    Change update = articleChange(Change::Op::Update, id);
    setChangedContent(update.fields, d, current);
    if (d.changeNote != current.changeNote)
        update.fields.insert(QStringLiteral("change_note"), textOrEmpty(d.changeNote));
    if (update.fields.isEmpty())
        return Status::success();
    return writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{update}));
}

Status KbArticleService::submitForReview(const QString& id)
{
    QSqlDatabase db = m_store->connection();
    const auto found = articleForStep(db, id, kDraft, tr("submitted for review"));
    if (!found)
        return found.error();
    const KbArticle& current = found.value();
    // What was saved must still be complete (a revision's change note, a category since removed).
    const auto checked = checkedDraft(db, draftOf(current), !current.revisionOf.isEmpty());
    if (!checked)
        return checked.error();
    Change update = articleChange(Change::Op::Update, id);
    update.fields.insert(QStringLiteral("status"), kInReview);
    return writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{update}));
}

Status KbArticleService::approve(const QString& id, const QString& note)
{
    QSqlDatabase db = m_store->connection();
    const auto found = articleForStep(db, id, kInReview, tr("approved"));
    if (!found)
        return found.error();
    const KbArticle& draft = found.value();
    if (m_session.role != Role::Admin && !draft.authorId.isEmpty() && draft.authorId == m_session.agentId)
        return Error{tr("You wrote \"%1\": another supervisor or an administrator must review it.").arg(draft.title),
                     QStringLiteral("permission")};
    const qint64 now = m_clock.nowMs();

    // The published article this approval changes: the draft itself, or the article a revision replaces.
    KbArticle target = draft;
    if (!draft.revisionOf.isEmpty()) {
        const auto original = readArticle(db, draft.revisionOf);
        if (!original) {
            if (original.error().code == QLatin1String("not_found"))
                return Error{tr("The article that \"%1\" revises no longer exists.").arg(draft.title),
                             QStringLiteral("state")};
            return original.error();
        }
        target = original.value();
        if (target.status != kPublished)
            return stateError(target, tr("revised"));
    }
    const int version = draft.revisionOf.isEmpty() ? draft.version : target.version + 1;

    QVector<Change> changes;
    Change publish = articleChange(Change::Op::Update, target.id);
    if (draft.revisionOf.isEmpty()) {
        publish.fields.insert(QStringLiteral("status"), kPublished);
    } else {
        setChangedContent(publish.fields, draftOf(draft), target);
        publish.fields.insert(QStringLiteral("version"), version);
        publish.fields.insert(QStringLiteral("change_note"), textOrEmpty(draft.changeNote));
    }
    publish.fields.insert(QStringLiteral("reviewer_id"), orNull(m_session.agentId));
    publish.fields.insert(QStringLiteral("published_at"), now);
    if (note.trimmed() != target.reviewNote)
        publish.fields.insert(QStringLiteral("review_note"), textOrEmpty(note.trimmed()));
    changes << publish;

    Change snapshot;
    snapshot.op = Change::Op::Insert;
    snapshot.table = QStringLiteral("kb_article_version");
    snapshot.id = UuidV7::create();
    snapshot.fields = {{QStringLiteral("article_id"), target.id},
                       {QStringLiteral("version"), version},
                       {QStringLiteral("title"), draft.title},
                       {QStringLiteral("body"), draft.body},
                       {QStringLiteral("category"), draft.category},
                       {QStringLiteral("tags"), tagsText(draft.tags)},
                       {QStringLiteral("change_note"), textOrEmpty(draft.changeNote)},
                       {QStringLiteral("author_id"), orNull(draft.authorId)},
                       {QStringLiteral("reviewer_id"), orNull(m_session.agentId)},
                       {QStringLiteral("published_at"), now}};
    changes << snapshot;

    if (!draft.revisionOf.isEmpty()) {
        // The revision has done its work: its content now lives in the article and in the history.
        changes << articleChange(Change::Op::Delete, draft.id);
    }
    return writeResult(ChangeWriter(m_store, m_clock).apply(changes));
}

Status KbArticleService::sendBack(const QString& id, const QString& note)
{
    if (!m_session.can(Permission::EditKnowledge))
        return permissionError();
    if (note.trimmed().isEmpty())
        return Error{tr("Review note: say what the author should change."), QStringLiteral("invalid")};
    QSqlDatabase db = m_store->connection();
    const auto found = articleForStep(db, id, kInReview, tr("sent back"));
    if (!found)
        return found.error();
    Change update = articleChange(Change::Op::Update, id);
    update.fields.insert(QStringLiteral("status"), kDraft);
    update.fields.insert(QStringLiteral("review_note"), note.trimmed());
    return writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{update}));
}

Status KbArticleService::retire(const QString& id, const QString& note)
{
    QSqlDatabase db = m_store->connection();
    const auto found = articleForStep(db, id, kPublished, tr("retired"));
    if (!found)
        return found.error();
    const KbArticle& current = found.value();

    QVector<Change> changes;
    Change update = articleChange(Change::Op::Update, id);
    update.fields.insert(QStringLiteral("status"), kRetired);
    if (note.trimmed() != current.reviewNote)
        update.fields.insert(QStringLiteral("review_note"), textOrEmpty(note.trimmed()));
    changes << update;
    // An open revision of a retired article could never be approved: it goes with it.
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM kb_article WHERE revision_of = ? AND deleted_at IS NULL"));
    q.addBindValue(id);
    if (!q.exec())
        return ioError(tr("Cannot look for open revisions: %1"), q);
    while (q.next()) {
        changes << articleChange(Change::Op::Delete, q.value(0).toString());
    }
    q.finish();
    return writeResult(ChangeWriter(m_store, m_clock).apply(changes));
}

Result<QVector<KbArticle>> KbArticleService::workQueue() const
{
    if (!m_session.can(Permission::EditKnowledge))
        return permissionError().error();
    QSqlQuery q(m_store->connection());
    if (!q.exec(QStringLiteral("SELECT %1 FROM kb_article WHERE status IN ('draft', 'in_review') AND deleted_at IS NULL "
                               "ORDER BY coalesce(updated_at, created_at, 0), created_at, id")
                    .arg(QLatin1String(kArticleColumns))))
        return ioError(tr("Cannot read the drafts: %1"), q);
    QVector<KbArticle> out;
    while (q.next())
        out << articleFrom(q);
    return out;
}

Result<QVector<KbArticleVersion>> KbArticleService::history(const QString& articleId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT id, article_id, version, title, body, category, tags, change_note, author_id, "
                             "reviewer_id, published_at FROM kb_article_version "
                             "WHERE article_id = ? AND deleted_at IS NULL ORDER BY version DESC, published_at DESC"));
    q.addBindValue(articleId);
    if (!q.exec())
        return ioError(tr("Cannot read the article's history: %1"), q);
    QVector<KbArticleVersion> out;
    while (q.next()) {
        KbArticleVersion v;
        v.id = q.value(0).toString();
        v.articleId = q.value(1).toString();
        v.version = q.value(2).toInt();
        v.title = q.value(3).toString();
        v.body = q.value(4).toString();
        v.category = q.value(5).toString();
        v.tags = tagList(q.value(6).toString());
        v.changeNote = q.value(7).toString();
        v.authorId = q.value(8).toString();
        v.reviewerId = q.value(9).toString();
        v.publishedAt = q.value(10).toLongLong();
        out << v;
    }
    return out;
}

KbChangeSummary KbArticleService::compare(const KbArticleVersion& before, const KbArticleVersion& after)
{
    KbChangeSummary s;
    s.titleChanged = before.title != after.title;
    s.categoryChanged = before.category != after.category;
    const QSet<QString> oldTags(before.tags.cbegin(), before.tags.cend());
    const QSet<QString> newTags(after.tags.cbegin(), after.tags.cend());
    for (const QString& tag : after.tags) {
        if (!oldTags.contains(tag) && !s.tagsAdded.contains(tag))
            s.tagsAdded << tag;
    }
    for (const QString& tag : before.tags) {
        if (!newTags.contains(tag) && !s.tagsRemoved.contains(tag))
            s.tagsRemoved << tag;
    }

    const QStringList a = paragraphs(before.body);
    const QStringList b = paragraphs(after.body);
    // The common beginning and end need no table.
    qsizetype head = 0;
    while (head < a.size() && head < b.size() && a.at(head) == b.at(head))
        ++head;
    qsizetype tail = 0;
    while (tail < a.size() - head && tail < b.size() - head && a.at(a.size() - 1 - tail) == b.at(b.size() - 1 - tail))
        ++tail;
    const qsizetype n = a.size() - head - tail;
    const qsizetype m = b.size() - head - tail;

    for (qsizetype i = 0; i < head; ++i)
        s.bodyDiff << QStringLiteral("  ") + a.at(i);
    const auto removed = [&](qsizetype i) {
        s.bodyDiff << QStringLiteral("- ") + a.at(head + i);
        ++s.paragraphsRemoved;
    };
    const auto added = [&](qsizetype j) {
        s.bodyDiff << QStringLiteral("+ ") + b.at(head + j);
        ++s.paragraphsAdded;
    };
    if (qint64(n) * qint64(m) > kMaxLcsCells) {
        for (qsizetype i = 0; i < n; ++i)
            removed(i);
        for (qsizetype j = 0; j < m; ++j)
            added(j);
    } else {
        // lcs[i][j]: the longest common subsequence of the middle's suffixes a[i..], b[j..]; walked from the
        // front it gives the diff in reading order, a removal before the addition that replaces it.
        std::vector<int> lcs(size_t((n + 1) * (m + 1)), 0);
        const auto at = [&](qsizetype i, qsizetype j) -> int& { return lcs[size_t(i * (m + 1) + j)]; };
        for (qsizetype i = n - 1; i >= 0; --i) {
            for (qsizetype j = m - 1; j >= 0; --j)
                at(i, j) = a.at(head + i) == b.at(head + j) ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
        }
        qsizetype i = 0, j = 0;
        while (i < n && j < m) {
            if (a.at(head + i) == b.at(head + j)) {
                s.bodyDiff << QStringLiteral("  ") + a.at(head + i);
                ++i;
                ++j;
            } else if (at(i + 1, j) >= at(i, j + 1)) {
                removed(i++);
            } else {
                added(j++);
            }
        }
        while (i < n)
            removed(i++);
        while (j < m)
            added(j++);
    }
    for (qsizetype i = a.size() - tail; i < a.size(); ++i)
        s.bodyDiff << QStringLiteral("  ") + a.at(i);
    return s;
}

QStringList KbArticleService::parseTags(const QString& text)
{
    // ASCII and full-width commas and semicolons, the ideographic enumeration comma, line breaks.
    static const QRegularExpression separators(QStringLiteral("[,;\\x{FF0C}\\x{FF1B}\\x{3001}\\n\\r]"));
    QStringList out;
    QSet<QString> seen;
    const QStringList parts = text.split(separators);
    for (const QString& part : parts) {
        const QString tag = part.simplified();
        if (tag.isEmpty())
            continue;
        // "5G" and "5g" are one tag: the first spelling stays.
        const QString key = tag.toCaseFolded();
        if (seen.contains(key))
            continue;
        seen.insert(key);
        out << tag;
    }
    return out;
}

// ---- KbFeedbackService ------------------------------------------------------------------------------

KbFeedbackService::KbFeedbackService(LocalStorePtr store, Session session, const Clock& clock)
    : m_store(std::move(store))
    , m_session(std::move(session))
    , m_clock(clock)
{
}

namespace {

/// The article feedback is about: it must be there and, for agents and clerks, published.
Result<KbArticle> feedbackArticle(QSqlDatabase& db, const QString& articleId, const Session& session)
{
    auto found = readArticle(db, articleId);
    if (!found)
        return found;
    if (found.value().status != kPublished && !session.can(Permission::EditKnowledge))
        return Error{KbFeedbackService::tr("The article no longer exists."), QStringLiteral("not_found")};
    return found;
}

Status needsAgent(const Session& session)
{
    if (session.agentId.isEmpty())
        return Error{KbFeedbackService::tr("Feedback is recorded in an agent's name: sign in first."),
                     QStringLiteral("permission")};
    return Status::success();
}

} // namespace

QString KbFeedbackService::viewId(const QString& articleId, const QString& agentId, qint64 atMs)
{
    return feedbackId(QStringLiteral("view"), articleId, agentId, beijingDay(atMs));
}

QString KbFeedbackService::voteId(const QString& articleId, const QString& agentId, int version)
{
    return feedbackId(QStringLiteral("vote"), articleId, agentId, version);
}

Status KbFeedbackService::recordView(const QString& articleId)
{
    if (const Status signedIn = needsAgent(m_session); !signedIn)
        return signedIn;
    QSqlDatabase db = m_store->connection();
    const auto article = feedbackArticle(db, articleId, m_session);
    if (!article)
        return article.error();
    const qint64 now = m_clock.nowMs();
    const QString id = feedbackId(QStringLiteral("view"), articleId, m_session.agentId, beijingDay(now));
    const auto existing = feedbackKind(db, id);
    if (!existing)
        return existing.error();
    if (!existing.value().isEmpty())
        return Status::success(); // seen today already
    Change insert;
    insert.op = Change::Op::Insert;
    insert.table = QStringLiteral("kb_feedback");
    insert.id = id;
    insert.fields = {{QStringLiteral("article_id"), articleId},
                     {QStringLiteral("agent_id"), m_session.agentId},
                     {QStringLiteral("kind"), QStringLiteral("view")},
                     {QStringLiteral("version"), article.value().version},
                     {QStringLiteral("at"), now}};
    return writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{insert}));
}

Status KbFeedbackService::vote(const QString& articleId, bool helpful)
{
    if (const Status signedIn = needsAgent(m_session); !signedIn)
        return signedIn;
    QSqlDatabase db = m_store->connection();
    const auto article = feedbackArticle(db, articleId, m_session);
    if (!article)
        return article.error();
    if (article.value().status != kPublished)
        return stateError(article.value(), tr("rated"));
    const QString kind = helpful ? QStringLiteral("helpful") : QStringLiteral("not_helpful");
    const QString id = feedbackId(QStringLiteral("vote"), articleId, m_session.agentId, article.value().version);
    const auto existing = feedbackKind(db, id);
    if (!existing)
        return existing.error();
    if (existing.value() == kind)
        return Status::success();
    if (!existing.value().isEmpty())
        return Error{tr("You have rated this version of \"%1\" already; a vote is not changed.").arg(article.value().title),
                     QStringLiteral("state")};
    Change insert;
    insert.op = Change::Op::Insert;
    insert.table = QStringLiteral("kb_feedback");
    insert.id = id;
    insert.fields = {{QStringLiteral("article_id"), articleId},
                     {QStringLiteral("agent_id"), m_session.agentId},
                     {QStringLiteral("kind"), kind},
                     {QStringLiteral("version"), article.value().version},
                     {QStringLiteral("at"), m_clock.nowMs()}};
    return writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{insert}));
}

Result<int> KbFeedbackService::myVote(const QString& articleId) const
{
    QSqlDatabase db = m_store->connection();
    const auto article = feedbackArticle(db, articleId, m_session);
    if (!article)
        return article.error();
    if (m_session.agentId.isEmpty())
        return 0;
    const auto kind =
        feedbackKind(db, feedbackId(QStringLiteral("vote"), articleId, m_session.agentId, article.value().version));
    if (!kind)
        return kind.error();
    if (kind.value() == QLatin1String("helpful"))
        return 1;
    if (kind.value() == QLatin1String("not_helpful"))
        return -1;
    return 0;
}

Status KbFeedbackService::link(const QString& ticketId, const QString& articleId)
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM ticket WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket: %1"), q);
    if (!q.next())
        return Error{tr("The ticket no longer exists."), QStringLiteral("not_found")};
    q.finish();
    const auto article = feedbackArticle(db, articleId, m_session);
    if (!article)
        return article.error();
    q.prepare(QStringLiteral("SELECT 1 FROM ticket_kb_link WHERE ticket_id = ? AND article_id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    q.addBindValue(articleId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket's articles: %1"), q);
    if (q.next())
        return Status::success(); // linked already
    q.finish();
    // A new id each time, not one derived from (ticket, article): an unlinked row is a tombstone, which
    // the server never revives, so linking again needs a row of its own.
    Change insert;
    insert.op = Change::Op::Insert;
    insert.table = QStringLiteral("ticket_kb_link");
    insert.id = UuidV7::create();
    insert.fields = {{QStringLiteral("ticket_id"), ticketId},
                     {QStringLiteral("article_id"), articleId},
                     {QStringLiteral("agent_id"), orNull(m_session.agentId)},
                     {QStringLiteral("linked_at"), m_clock.nowMs()}};
    return writeResult(ChangeWriter(m_store, m_clock).apply(QVector<Change>{insert}));
}

Status KbFeedbackService::unlink(const QString& ticketId, const QString& articleId)
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM ticket_kb_link WHERE ticket_id = ? AND article_id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    q.addBindValue(articleId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket's articles: %1"), q);
    // Two desktops may each have linked it: every live link goes.
    QVector<Change> changes;
    while (q.next()) {
        Change drop;
        drop.op = Change::Op::Delete;
        drop.table = QStringLiteral("ticket_kb_link");
        drop.id = q.value(0).toString();
        changes << drop;
    }
    q.finish();
    if (changes.isEmpty())
        return Status::success(); // not linked: nothing to undo
    return writeResult(ChangeWriter(m_store, m_clock).apply(changes));
}

Result<QVector<KbLinkedArticle>> KbFeedbackService::linksFor(const QString& ticketId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT l.id, l.article_id, a.title, a.language, l.agent_id, l.linked_at "
                             "FROM ticket_kb_link l "
                             "LEFT JOIN kb_article a ON a.id = l.article_id AND a.deleted_at IS NULL AND a.status = 'published' "
                             "WHERE l.ticket_id = ? AND l.deleted_at IS NULL ORDER BY l.linked_at, l.id"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket's articles: %1"), q);
    QVector<KbLinkedArticle> out;
    QSet<QString> articles;
    while (q.next()) {
        // Two desktops' links of one article show as one.
        if (articles.contains(q.value(1).toString()))
            continue;
        articles.insert(q.value(1).toString());
        KbLinkedArticle l;
        l.linkId = q.value(0).toString();
        l.articleId = q.value(1).toString();
        l.title = q.value(2).toString();
        l.language = q.value(3).toString();
        l.agentId = q.value(4).toString();
        l.linkedAt = q.value(5).toLongLong();
        out << l;
    }
    return out;
}

} // namespace telcodesk
