#include "tickets/FieldDispatch.h"
#include "tickets/TicketEventChange.h"

#include "common/Uuid.h"
#include "store/ChangeWriter.h"
#include "tickets/WorkflowService.h"

#include <QSqlError>
#include <QSqlQuery>

#include <cmath>

namespace telcodesk {

namespace {

constexpr double kEarthRadiusKm = 6371.0088;
constexpr double kPi = 3.14159265358979323846;

double radians(double degrees)
{
    return degrees * kPi / 180.0;
}

Error ioError(const QString& what, const QSqlQuery& q)
{
    return Error{what.arg(q.lastError().text()), QStringLiteral("io")};
}

} // namespace

FieldDispatch::FieldDispatch(LocalStorePtr store, const Clock& clock) : m_store(std::move(store)), m_clock(clock) {}

double FieldDispatch::haversineKm(double lat1, double lon1, double lat2, double lon2)
{
    const double dLat = radians(lat2 - lat1);
    const double dLon = radians(lon2 - lon1);
    const double a = std::sin(dLat / 2) * std::sin(dLat / 2)
        + std::cos(radians(lat1)) * std::cos(radians(lat2)) * std::sin(dLon / 2) * std::sin(dLon / 2);
    // min() guards against a rounding error above 1 for antipodal points.
    return 2 * kEarthRadiusKm * std::asin(std::sqrt(std::min(1.0, a)));
}

bool FieldDispatch::hasSkill(const QString& skills, const QString& skill)
{
    if (skill.trimmed().isEmpty())
        return true;
    const QStringList items = skills.split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& item : items) {
        if (item.trimmed().compare(skill.trimmed(), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

std::optional<EngineerChoice> FieldDispatch::nearest(const QVector<FieldEngineer>& engineers, double lat, double lon,
                                                     const QString& skill)
{
    std::optional<EngineerChoice> best;
    for (const FieldEngineer& e : engineers) {
        if (!e.available || !hasSkill(e.skills, skill))
            continue;
        const double d = haversineKm(lat, lon, e.lat, e.lon);
        if (!best || d < best->distanceKm || (d == best->distanceKm && e.id < best->engineer.id))
            best = EngineerChoice{e, d};
    }
    return best;
}

Result<QVector<FieldEngineer>> FieldDispatch::engineers() const
{
    QSqlQuery q(m_store->connection());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, name, phone, region_code, lat, lon, skills, available FROM field_engineer "
                               "WHERE deleted_at IS NULL ORDER BY id")))
        return ioError(tr("Cannot read the field engineers: %1"), q);
    QVector<FieldEngineer> out;
    while (q.next()) {
        FieldEngineer e;
        e.id = q.value(0).toString();
        e.name = q.value(1).toString();
        e.phone = q.value(2).toString();
        e.regionCode = q.value(3).toString();
        e.lat = q.value(4).toDouble();
        e.lon = q.value(5).toDouble();
        e.skills = q.value(6).toString();
        e.available = q.value(7).toInt() != 0;
        out << e;
    }
    return out;
}

Result<EngineerChoice> FieldDispatch::nearestAvailable(double lat, double lon, const QString& skill) const
{
    const auto all = engineers();
    if (!all)
        return all.error();
    const auto best = nearest(all.value(), lat, lon, skill);
    if (!best) {
        if (skill.isEmpty())
            return Error{tr("No field engineer is available."), QStringLiteral("not_found")};
        return Error{tr("No field engineer with the skill '%1' is available.").arg(skill), QStringLiteral("not_found")};
    }
    return *best;
}

Result<GeoPoint> FieldDispatch::locate(const QString& ticketId) const
{
    QSqlDatabase db = m_store->connection();
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT t.ticket_no, c.region_code FROM ticket t LEFT JOIN customer c ON c.id = t.customer_id "
                             "WHERE t.id = ? AND t.deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket: %1"), q);
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    const QString ticketNo = q.value(0).toString();
    const QString region = q.value(1).toString();
    q.finish();
    const auto noPoint = [&] {
        return Error{tr("Ticket %1: the customer's region is not known, so its place cannot be found.").arg(ticketNo),
                     QStringLiteral("not_found")};
    };
    if (region.size() != 6)
        return noPoint();
    QSqlQuery p(db);
    if (region.endsWith(QLatin1String("0000"))) {
        // A province: its first city (by code), usually the capital.
        p.prepare(QStringLiteral("SELECT lat, lon FROM region_point WHERE substr(code, 1, 2) = ? ORDER BY code LIMIT 1"));
        p.addBindValue(region.left(2));
    } else {
        p.prepare(QStringLiteral("SELECT lat, lon FROM region_point WHERE code = ?"));
        p.addBindValue(QString(region.left(4) + QStringLiteral("00")));
    }
    if (!p.exec())
        return ioError(tr("Cannot read the region's place: %1"), p);
    if (!p.next())
        return noPoint();
    return GeoPoint{p.value(0).toDouble(), p.value(1).toDouble()};
}

Result<QString> FieldDispatch::skillFor(const QString& ticketId) const
{
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT s.service FROM ticket t LEFT JOIN subscription s ON s.id = t.subscription_id "
                             "WHERE t.id = ? AND t.deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket: %1"), q);
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    return q.value(0).toString();
}

Result<EngineerChoice> FieldDispatch::suggest(const QString& ticketId) const
{
    const auto where = locate(ticketId);
    if (!where)
        return where.error();
    const auto skill = skillFor(ticketId);
    if (!skill)
        return skill.error();
    return nearestAvailable(where.value().lat, where.value().lon, skill.value());
}

Result<FieldEngineer> FieldDispatch::readEngineer(const QString& engineerId) const
{
    const auto all = engineers();
    if (!all)
        return all.error();
    for (const FieldEngineer& e : all.value()) {
        if (e.id == engineerId)
            return e;
    }
    return Error{tr("The field engineer does not exist."), QStringLiteral("not_found")};
}

Status FieldDispatch::dispatch(const QString& ticketId, const QString& engineerId, const Session& session) const
{
    if (!session.can(Permission::TakeTickets))
        return Error{tr("Your role (%1) does not work tickets.").arg(roleCode(session.role)), QStringLiteral("forbidden")};
    QSqlQuery q(m_store->connection());
    q.prepare(QStringLiteral("SELECT ticket_no, kind FROM ticket WHERE id = ? AND deleted_at IS NULL"));
    q.addBindValue(ticketId);
    if (!q.exec())
        return ioError(tr("Cannot read the ticket: %1"), q);
    if (!q.next())
        return Error{tr("The ticket does not exist."), QStringLiteral("not_found")};
    const QString ticketNo = q.value(0).toString();
    const QString kind = q.value(1).toString();
    q.finish();
    if (kind != QLatin1String("fault"))
        return Error{tr("Only fault reports are sent to field engineers; ticket %1 is %2.")
                         .arg(ticketNo, WorkflowService::kindPhrase(kind).toLower()),
                     QStringLiteral("invalid")};
    const auto engineer = readEngineer(engineerId);
    if (!engineer)
        return engineer.error();
    const FieldEngineer& e = engineer.value();
    if (!e.available)
        return Error{tr("%1 is not available for dispatch.").arg(e.name), QStringLiteral("invalid")};

    const auto planned = WorkflowService(m_store, m_clock).plan(ticketId, QStringLiteral("dispatched"), TransitionInput(),
                                                                session);
    if (!planned)
        return planned.error();
    QVector<Change> changes = planned.value();

    // The distance is for the record; a ticket whose place is unknown may still be dispatched by hand.
    const auto where = locate(ticketId);
    QString body;
    if (where) {
        const double km = haversineKm(where.value().lat, where.value().lon, e.lat, e.lon);
        body = tr("Field engineer %1 (%2) dispatched, %3 km from the customer's city centre.")
                   .arg(e.name, e.phone, QString::number(km, 'f', 1));
    } else {
        body = tr("Field engineer %1 (%2) dispatched; the distance is not known.").arg(e.name, e.phone);
    }
    changes << ticketEventChange(ticketId, QStringLiteral("comment"), m_clock.nowMs(), session.agentId, body);
    return ChangeWriter(m_store, m_clock).apply(changes);
}

} // namespace telcodesk
