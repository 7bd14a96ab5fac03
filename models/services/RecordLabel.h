#pragma once

#include "itemmodels/ItemRoles.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QJsonValue>
#include <QSqlDatabase>
#include <QString>

namespace telcodesk {

/// Names synced records, their fields and their values for people, where the sync views would
/// otherwise show ids and JSON: a ticket by its number and title, a customer by name, "Priority" for
/// priority, "¥12.00" for 1200 fen, an agent's name for an agent id. Personal identifiers (mobile
/// number, ID number) are shown masked, as everywhere else.
class RecordLabel
{
    Q_DECLARE_TR_FUNCTIONS(RecordLabel)

public:
    /// "Ticket", "Customer", "Note", ... for a table name; unknown tables as stored.
    static QString entityName(const QString& entity);

    /// The record as a person knows it, read from the local cache: a ticket's number and title, a
    /// customer's name, the customer of a note, interaction, order or task, a line's masked number. The
    /// views show it after entityName(). When the record is not there (an insert the server refused may
    /// have been removed), the fields written are used instead, and failing that the start of the id.
    static QString describe(QSqlDatabase& db, const QString& entity, const QString& id,
                            const QJsonObject& fieldsWritten = QJsonObject());

    /// "Title", "Priority", ... for a column; unknown columns as stored.
    static QString fieldName(const QString& entity, const QString& field);

    /// Whether displayValue() writes an id in this column as a name (agents, plans) rather than as the id.
    static bool isNamedReference(const QString& field);

    /// A value as the views show it. Undefined (no value known) and null (empty) are said in words; codes
    /// go through the labeler; times, money, agents and plans are written out.
    static QString displayValue(QSqlDatabase& db, const QString& entity, const QString& field, const QJsonValue& value,
                                const CodeLabeler& labeler = CodeLabeler());
};

} // namespace telcodesk
