#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace telcodesk {

/// A node of the knowledge-base category tree (table kb_category). code is what articles store;
/// a filter on a category covers its whole subtree ("billing" covers "billing.dispute").
struct KbCategory
{
    QString id;
    QString code;
    QString parentCode; ///< empty at the top level
    QString nameZh;
    QString nameEn;
    int ordinal = 0;

    QString name(bool chinese) const { return chinese ? nameZh : nameEn; }
};

/// A knowledge-base article as the cache holds it (table kb_article) with its feedback totals.
/// status: "draft", "in_review", "published", "retired". body is rich text (an HTML subset:
/// paragraphs, headings, bold/italic, lists, tables, links) as QTextDocument writes it.
struct KbArticle
{
    QString id;
    QString title;
    QString body;
    QString category;
    QStringList tags;
    QString language; ///< "zh_CN" or "en"
    QString status;
    int version = 1;
    QString authorId;
    QString reviewerId;
    qint64 createdAt = 0;   ///< ms UTC
    qint64 publishedAt = 0; ///< ms UTC, 0 while never published
    qint64 updatedAt = 0;   ///< ms UTC, the server's clock (0 before the first sync)
    QString changeNote;     ///< what this version changed, written by its author
    QString reviewNote;     ///< the reviewer's remark when a draft was sent back
    QString revisionOf;     ///< for a draft revision: the published article it will replace
    int views = 0;          ///< all-time totals from kb_feedback
    int helpful = 0;
    int notHelpful = 0;
    qint64 rowVersion = 0;
};

/// One published version of an article (table kb_article_version): the history.
struct KbArticleVersion
{
    QString id;
    QString articleId;
    int version = 0;
    QString title;
    QString body;
    QString category;
    QStringList tags;
    QString changeNote;
    QString authorId;
    QString reviewerId;
    qint64 publishedAt = 0;
};

/// One search or suggestion result.
struct KbHit
{
    QString articleId;
    QString title;
    QString titleHtml;   ///< the title, HTML-escaped, matched terms in <b>…</b>
    QString snippetHtml; ///< a passage of the body around the matches, HTML-escaped, matches in <b>…</b>
    QString category;
    QStringList tags;
    QString language;
    QString status;
    int version = 0;
    double score = 0;    ///< higher is better; only comparable within one result list
    int helpfulRecent = 0;    ///< helpful votes in the last 30 days
    int notHelpfulRecent = 0; ///< not-helpful votes in the last 30 days
    int linksRecent = 0;      ///< links to tickets in the window of the list (most useful: 7 days)
    int viewsRecent = 0;
};

} // namespace telcodesk
