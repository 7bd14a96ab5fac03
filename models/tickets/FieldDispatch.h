#pragma once

#include "common/Clock.h"
#include "common/Result.h"
#include "security/Session.h"
#include "store/LocalStore.h"

#include <QCoreApplication>
#include <QStringList>
#include <QVector>

#include <optional>

namespace telcodesk {

/// One row of field_engineer (read-only catalog, synced; local migration 7 / server 0009).
struct FieldEngineer
{
    QString id;
    QString name;
    QString phone;
    QString regionCode;
    double lat = 0;
    double lon = 0;
    QString skills;   ///< comma separated services: broadband, fixed, mobile, iptv, iot
    bool available = true;
};

struct GeoPoint
{
    double lat = 0;
    double lon = 0;
};

struct EngineerChoice
{
    FieldEngineer engineer;
    double distanceKm = 0;
};

/// Sends a field engineer to a fault ticket.
///
/// Where a ticket is: a ticket has no coordinates and customers have a free-text address, so the ticket
/// is placed at the centre of its customer's prefecture-level city: customer.region_code (a district
/// such as 440106 or a city 440100) looked up in the local table region_point by its city code (first
/// four digits + "00"); a province code (NN0000) takes the first city of that province. Good to a few
/// kilometres within a city, which is the scale at which engineers are based; geocoding the address is
/// the way to do better.
///
/// Which skill: the service of the ticket's line (subscription.service: broadband, fixed, mobile, iptv,
/// iot); a ticket without a line needs none.
class FieldDispatch
{
    Q_DECLARE_TR_FUNCTIONS(FieldDispatch)

public:
    explicit FieldDispatch(LocalStorePtr store, const Clock& clock = Clock::system());

    /// Great-circle distance on a sphere of the Earth's mean radius (6371.0088 km).
    static double haversineKm(double lat1, double lon1, double lat2, double lon2);
    /// skill empty: anyone. Compares whole comma-separated items, case-insensitively.
    static bool hasSkill(const QString& skills, const QString& skill);
    /// The nearest available engineer with the skill; ties by id. Empty when none qualifies.
    static std::optional<EngineerChoice> nearest(const QVector<FieldEngineer>& engineers, double lat, double lon,
                                                 const QString& skill);

    /// Live engineers of the catalog, by id. Errors: "io".
    Result<QVector<FieldEngineer>> engineers() const;
    /// Errors: "not_found" (nobody available with that skill, message says so), "io".
    Result<EngineerChoice> nearestAvailable(double lat, double lon, const QString& skill) const;

    /// Where the ticket is (see above). Errors: "not_found" (no ticket, or its customer's region has no
    /// known point), "io".
    Result<GeoPoint> locate(const QString& ticketId) const;
    /// The skill the ticket needs; empty when it has no line. Errors: "not_found", "io".
    Result<QString> skillFor(const QString& ticketId) const;
    /// nearestAvailable() for the ticket's place and skill.
    Result<EngineerChoice> suggest(const QString& ticketId) const;

    /// Dispatches a fault ticket to the engineer: the workflow step to 'dispatched' (WorkflowService::plan:
    /// its rules, role limits and events) and a ticket_event 'comment' naming the engineer, phone and
    /// distance, in one ChangeWriter transaction. Refused (nothing written): forbidden (the role does
    /// not work tickets), invalid (not a fault ticket; engineer unavailable), not_found, workflow (the
    /// ticket cannot go to 'dispatched' from its status; the message says what it can do).
    Status dispatch(const QString& ticketId, const QString& engineerId, const Session& session) const;

private:
    Result<FieldEngineer> readEngineer(const QString& engineerId) const;

    LocalStorePtr m_store;
    const Clock& m_clock;
};

} // namespace telcodesk
