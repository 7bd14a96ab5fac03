#include "services/RecordLabel.h"

#include "itemmodels/DisplayFormat.h"
#include "security/Masking.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariantMap>

#include <cmath>

namespace telcodesk {

namespace {

struct Name
{
    const char* key;
    const char* text;
};

/// Tables whose rows the sync views name. Only these names are ever put into SQL here.
const Name kEntities[] = {
    {"customer", QT_TRANSLATE_NOOP("RecordLabel", "Customer")},
    {"subscription", QT_TRANSLATE_NOOP("RecordLabel", "Line")},
    {"subscription_addon", QT_TRANSLATE_NOOP("RecordLabel", "Add-on")},
    {"interaction", QT_TRANSLATE_NOOP("RecordLabel", "Interaction")},
    {"ticket", QT_TRANSLATE_NOOP("RecordLabel", "Ticket")},
    {"ticket_event", QT_TRANSLATE_NOOP("RecordLabel", "Ticket event")},
    {"ticket_escalation", QT_TRANSLATE_NOOP("RecordLabel", "Escalation")},
    {"ticket_escalation_ack", QT_TRANSLATE_NOOP("RecordLabel", "Escalation acknowledgement")},
    {"kb_article", QT_TRANSLATE_NOOP("RecordLabel", "Knowledge base article")},
    {"kb_article_version", QT_TRANSLATE_NOOP("RecordLabel", "Knowledge base article version")},
    {"kb_feedback", QT_TRANSLATE_NOOP("RecordLabel", "Knowledge base feedback")},
    {"ticket_kb_link", QT_TRANSLATE_NOOP("RecordLabel", "Article linked to a ticket")},
    {"sales_order", QT_TRANSLATE_NOOP("RecordLabel", "Order")},
    {"retention_task", QT_TRANSLATE_NOOP("RecordLabel", "Retention task")},
    {"customer_note", QT_TRANSLATE_NOOP("RecordLabel", "Note")},
    {"agent", QT_TRANSLATE_NOOP("RecordLabel", "Agent")},
    {"plan", QT_TRANSLATE_NOOP("RecordLabel", "Plan")},
    {"offer", QT_TRANSLATE_NOOP("RecordLabel", "Offer")},
    {"scoring_config", QT_TRANSLATE_NOOP("RecordLabel", "Retention scoring settings")},
    {"audit_log", QT_TRANSLATE_NOOP("RecordLabel", "Audit record")},
};

/// Columns people meet in conflicts and rejected changes. The same word serves every table.
const Name kFields[] = {
    {"name", QT_TRANSLATE_NOOP("RecordLabel", "Name")},
    {"title", QT_TRANSLATE_NOOP("RecordLabel", "Title")},
    {"description", QT_TRANSLATE_NOOP("RecordLabel", "Description")},
    {"body", QT_TRANSLATE_NOOP("RecordLabel", "Text")},
    {"summary", QT_TRANSLATE_NOOP("RecordLabel", "Summary")},
    {"status", QT_TRANSLATE_NOOP("RecordLabel", "Status")},
    {"priority", QT_TRANSLATE_NOOP("RecordLabel", "Priority")},
    {"kind", QT_TRANSLATE_NOOP("RecordLabel", "Kind")},
    {"channel", QT_TRANSLATE_NOOP("RecordLabel", "Channel")},
    {"queue", QT_TRANSLATE_NOOP("RecordLabel", "Queue")},
    {"assignee_id", QT_TRANSLATE_NOOP("RecordLabel", "Assignee")},
    {"resolution", QT_TRANSLATE_NOOP("RecordLabel", "Resolution")},
    {"csat", QT_TRANSLATE_NOOP("RecordLabel", "Satisfaction (CSAT)")},
    {"first_response_due", QT_TRANSLATE_NOOP("RecordLabel", "First response due")},
    {"resolution_due", QT_TRANSLATE_NOOP("RecordLabel", "Resolution due")},
    {"resolved_at", QT_TRANSLATE_NOOP("RecordLabel", "Resolved at")},
    {"closed_at", QT_TRANSLATE_NOOP("RecordLabel", "Closed at")},
    {"address", QT_TRANSLATE_NOOP("RecordLabel", "Address")},
    {"city", QT_TRANSLATE_NOOP("RecordLabel", "City")},
    {"region_code", QT_TRANSLATE_NOOP("RecordLabel", "Region")},
    {"primary_msisdn", QT_TRANSLATE_NOOP("RecordLabel", "Mobile number")},
    {"number", QT_TRANSLATE_NOOP("RecordLabel", "Number")},
    {"id_type", QT_TRANSLATE_NOOP("RecordLabel", "ID document type")},
    {"id_number", QT_TRANSLATE_NOOP("RecordLabel", "ID number")},
    {"segment", QT_TRANSLATE_NOOP("RecordLabel", "Segment")},
    {"tier", QT_TRANSLATE_NOOP("RecordLabel", "Tier")},
    {"type", QT_TRANSLATE_NOOP("RecordLabel", "Type")},
    {"tags", QT_TRANSLATE_NOOP("RecordLabel", "Tags")},
    {"gender", QT_TRANSLATE_NOOP("RecordLabel", "Gender")},
    {"birth_date", QT_TRANSLATE_NOOP("RecordLabel", "Birth date")},
    {"account_manager_id", QT_TRANSLATE_NOOP("RecordLabel", "Account manager")},
    {"consent_marketing", QT_TRANSLATE_NOOP("RecordLabel", "Consent to marketing")},
    {"consent_data_use", QT_TRANSLATE_NOOP("RecordLabel", "Consent to data use")},
    {"plan_id", QT_TRANSLATE_NOOP("RecordLabel", "Plan")},
    {"to_plan_id", QT_TRANSLATE_NOOP("RecordLabel", "New plan")},
    {"from_plan_id", QT_TRANSLATE_NOOP("RecordLabel", "Previous plan")},
    {"user_name", QT_TRANSLATE_NOOP("RecordLabel", "User")},
    {"contract_end", QT_TRANSLATE_NOOP("RecordLabel", "Contract end")},
    {"approval_status", QT_TRANSLATE_NOOP("RecordLabel", "Approval")},
    {"fees_fen", QT_TRANSLATE_NOOP("RecordLabel", "Fees")},
    {"reason", QT_TRANSLATE_NOOP("RecordLabel", "Reason")},
    {"outcome", QT_TRANSLATE_NOOP("RecordLabel", "Outcome")},
    {"outcome_note", QT_TRANSLATE_NOOP("RecordLabel", "Outcome note")},
    {"offer_id", QT_TRANSLATE_NOOP("RecordLabel", "Offer")},
    {"score", QT_TRANSLATE_NOOP("RecordLabel", "Churn risk")},
    {"closed_by", QT_TRANSLATE_NOOP("RecordLabel", "Closed by")},
    {"created_by", QT_TRANSLATE_NOOP("RecordLabel", "Created by")},
    {"due_at", QT_TRANSLATE_NOOP("RecordLabel", "Due")},
    {"category", QT_TRANSLATE_NOOP("RecordLabel", "Category")},
    {"display_name", QT_TRANSLATE_NOOP("RecordLabel", "Display name")},
    {"team", QT_TRANSLATE_NOOP("RecordLabel", "Team")},
    {"skills", QT_TRANSLATE_NOOP("RecordLabel", "Skills")},
    {"occurred_at", QT_TRANSLATE_NOOP("RecordLabel", "Time")},
    {"created_at", QT_TRANSLATE_NOOP("RecordLabel", "Created")},
};

const char* lookup(const Name* begin, const Name* end, const QString& key)
{
    for (const Name* n = begin; n != end; ++n) {
        if (key == QLatin1String(n->key))
            return n->text;
    }
    return nullptr;
}

bool isKnownEntity(const QString& entity)
{
    return lookup(std::begin(kEntities), std::end(kEntities), entity) != nullptr;
}

/// The record's columns, or an empty map when it is not in the cache. entity is one of kEntities.
QVariantMap readRow(QSqlDatabase& db, const QString& entity, const QString& id)
{
    QVariantMap row;
    if (!isKnownEntity(entity) || entity == QLatin1String("audit_log"))
        return row;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT * FROM %1 WHERE id = ?").arg(entity));
    q.addBindValue(id);
    if (q.exec() && q.next()) {
        const QSqlRecord record = q.record();
        for (int i = 0; i < record.count(); ++i)
            row.insert(record.fieldName(i), q.value(i));
    }
    return row;
}

QString singleText(QSqlDatabase& db, const QString& sql, const QString& bound)
{
    if (bound.isEmpty())
        return QString();
    QSqlQuery q(db);
    q.prepare(sql);
    q.addBindValue(bound);
    if (q.exec() && q.next())
        return q.value(0).toString();
    return QString();
}

bool chineseUi()
{
    return QLocale().language() == QLocale::Chinese;
}

QString customerName(QSqlDatabase& db, const QString& id)
{
    return singleText(db, QStringLiteral("SELECT name FROM customer WHERE id = ?"), id);
}

QString planName(QSqlDatabase& db, const QString& id)
{
    return singleText(db,
                      chineseUi() ? QStringLiteral("SELECT name_zh FROM plan WHERE id = ?")
                                  : QStringLiteral("SELECT name_en FROM plan WHERE id = ?"),
                      id);
}

QString offerName(QSqlDatabase& db, const QString& id)
{
    return singleText(db,
                      chineseUi() ? QStringLiteral("SELECT name_zh FROM offer WHERE id = ?")
                                  : QStringLiteral("SELECT name_en FROM offer WHERE id = ?"),
                      id);
}

QString agentName(QSqlDatabase& db, const QString& id)
{
    return singleText(db, QStringLiteral("SELECT display_name FROM agent WHERE id = ?"), id);
}

bool isAgentReference(const QString& field)
{
    return field == QLatin1String("assignee_id") || field == QLatin1String("account_manager_id")
        || field == QLatin1String("author_id") || field == QLatin1String("agent_id")
        || field == QLatin1String("created_by") || field == QLatin1String("closed_by");
}

bool isPlanReference(const QString& field)
{
    return field == QLatin1String("plan_id") || field == QLatin1String("to_plan_id")
        || field == QLatin1String("from_plan_id");
}

/// Columns holding ms since the epoch (UTC).
bool isTimeField(const QString& field)
{
    return field.endsWith(QLatin1String("_at")) || field.endsWith(QLatin1String("_due"));
}

bool codeDomainOf(const QString& entity, const QString& field, CodeDomain* domain)
{
    struct Entry
    {
        const char* entity;
        const char* field;
        CodeDomain domain;
    };
    static const Entry entries[] = {
        {"ticket", "status", CodeDomain::TicketStatus},
        {"ticket", "priority", CodeDomain::TicketPriority},
        {"ticket", "kind", CodeDomain::TicketKind},
        {"ticket", "channel", CodeDomain::Channel},
        {"interaction", "channel", CodeDomain::Channel},
        {"interaction", "kind", CodeDomain::InteractionKind},
        {"interaction", "direction", CodeDomain::Direction},
        {"customer", "type", CodeDomain::CustomerType},
        {"customer", "tier", CodeDomain::Tier},
        {"customer", "segment", CodeDomain::Segment},
        {"customer", "status", CodeDomain::CustomerStatus},
        {"customer", "member_role", CodeDomain::MemberRole},
        {"subscription", "status", CodeDomain::SubscriptionStatus},
        {"subscription", "service", CodeDomain::Service},
    };
    for (const Entry& e : entries) {
        if (entity == QLatin1String(e.entity) && field == QLatin1String(e.field)) {
            *domain = e.domain;
            return true;
        }
    }
    return false;
}

QString jsonText(const QJsonValue& value)
{
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
}

} // namespace

QString RecordLabel::entityName(const QString& entity)
{
    if (const char* text = lookup(std::begin(kEntities), std::end(kEntities), entity))
        return QCoreApplication::translate("RecordLabel", text);
    return entity;
}

QString RecordLabel::fieldName(const QString& entity, const QString& field)
{
    Q_UNUSED(entity)
    if (const char* text = lookup(std::begin(kFields), std::end(kFields), field))
        return QCoreApplication::translate("RecordLabel", text);
    return field;
}

bool RecordLabel::isNamedReference(const QString& field)
{
    return isAgentReference(field) || isPlanReference(field) || field == QLatin1String("offer_id");
}

QString RecordLabel::describe(QSqlDatabase& db, const QString& entity, const QString& id,
                              const QJsonObject& fieldsWritten)
{
    const QVariantMap row = readRow(db, entity, id);
    // The cached record first; what the change wrote where the cache has nothing.
    const auto text = [&](const char* column) {
        const QString key = QString::fromLatin1(column);
        const QString cached = row.value(key).toString();
        return cached.isEmpty() ? fieldsWritten.value(key).toString() : cached;
    };
    const auto customerOf = [&]() { return customerName(db, text("customer_id")); };

    QString label;
    if (entity == QLatin1String("customer")) {
        label = text("name");
    } else if (entity == QLatin1String("ticket")) {
        const QString number = text("ticket_no");
        const QString title = text("title");
        //: A ticket named in the sync views: %1 its number, %2 its title
        label = number.isEmpty() || title.isEmpty() ? number + title : tr("%1 · %2").arg(number, title);
    } else if (entity == QLatin1String("customer_note") || entity == QLatin1String("interaction")
               || entity == QLatin1String("sales_order") || entity == QLatin1String("retention_task")) {
        // The views put the kind of record in front ("Note · 周敏"): the customer says which one.
        label = customerOf();
    } else if (entity == QLatin1String("subscription")) {
        const QString number = text("number");
        const QString name = customerOf();
        if (!number.isEmpty())
            label = name.isEmpty() ? Masking::msisdn(number) : tr("%1 (%2)").arg(Masking::msisdn(number), name);
    } else if (entity == QLatin1String("subscription_addon")) {
        label = planName(db, text("plan_id"));
    } else if (entity == QLatin1String("ticket_event") || entity == QLatin1String("ticket_escalation")
               || entity == QLatin1String("ticket_escalation_ack") || entity == QLatin1String("ticket_kb_link")) {
        label = singleText(db, QStringLiteral("SELECT ticket_no FROM ticket WHERE id = ?"), text("ticket_id"));
    } else if (entity == QLatin1String("kb_article") || entity == QLatin1String("kb_article_version")) {
        label = text("title");
    } else if (entity == QLatin1String("kb_feedback")) {
        label = singleText(db, QStringLiteral("SELECT title FROM kb_article WHERE id = ?"), text("article_id"));
    } else if (entity == QLatin1String("agent")) {
        label = text("display_name");
    } else if (entity == QLatin1String("plan") || entity == QLatin1String("offer")) {
        label = text(chineseUi() ? "name_zh" : "name_en");
    } else if (entity == QLatin1String("scoring_config")) {
        label = text("key");
    }
    if (label.isEmpty())
        label = id.left(8) + QChar(0x2026); // nothing better to name it by: the start of its id
    return label;
}

QString RecordLabel::displayValue(QSqlDatabase& db, const QString& entity, const QString& field,
                                  const QJsonValue& value, const CodeLabeler& labeler)
{
    if (value.isUndefined())
        //: A value the server did not report (e.g. what a field held before both changes)
        return tr("(not known)");
    if (value.isNull())
        return tr("(empty)");
    if (value.isBool())
        return value.toBool() ? tr("Yes") : tr("No");
    if (value.isArray() || value.isObject())
        return jsonText(value);

    if (value.isDouble()) {
        const double number = value.toDouble();
        const bool integral = std::floor(number) == number && std::abs(number) < 9.0e15;
        const qint64 whole = static_cast<qint64>(number);
        if (integral && isTimeField(field))
            return DisplayFormat::dateTime(QDateTime::fromMSecsSinceEpoch(whole, Qt::UTC));
        if (integral && field.endsWith(QLatin1String("_fen")))
            return DisplayFormat::yuan(whole);
        if (integral && field.startsWith(QLatin1String("consent_")))
            return whole != 0 ? tr("Yes") : tr("No");
        CodeDomain domain;
        if (integral && codeDomainOf(entity, field, &domain))
            return labelFor(labeler, domain, QString::number(whole));
        return integral ? QLocale().toString(whole) : QLocale().toString(number);
    }

    const QString text = value.toString();
    if (field == QLatin1String("primary_msisdn")
        || (entity == QLatin1String("subscription") && field == QLatin1String("number")))
        return Masking::msisdn(text);
    if (field == QLatin1String("id_number"))
        return Masking::idNumber(text);
    if (isAgentReference(field)) {
        const QString name = agentName(db, text);
        return name.isEmpty() ? text : name;
    }
    if (isPlanReference(field)) {
        const QString name = planName(db, text);
        return name.isEmpty() ? text : name;
    }
    if (field == QLatin1String("offer_id")) {
        const QString name = offerName(db, text);
        return name.isEmpty() ? text : name;
    }
    CodeDomain domain;
    if (codeDomainOf(entity, field, &domain))
        return labelFor(labeler, domain, text);
    return text;
}

} // namespace telcodesk
