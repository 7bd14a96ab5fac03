#pragma once

#include <QString>
#include <QVector>

namespace telcodesk {

/// Where the agent has been, as a browser keeps it: a list of places with a current position, so that
/// Back and Forward retrace the way (Alt+Left / Alt+Right), plus the recently viewed customers,
/// most recent first and without repeats, for the Recent menu.
class NavigationHistory
{
public:
    struct Place
    {
        enum class Kind { Search, Customer };
        Kind kind = Kind::Search;
        QString customerId; ///< for Customer
        bool operator==(const Place& other) const { return kind == other.kind && customerId == other.customerId; }
    };

    struct RecentCustomer
    {
        QString customerId;
        QString name;
        QString maskedNumber;
    };

    static constexpr int kMaxPlaces = 100;
    static constexpr int kMaxRecent = 15;

    /// Goes to a new place: drops what was forward of the current one. Going to where one already is
    /// changes nothing.
    void visit(const Place& place);
    bool canGoBack() const { return m_index > 0; }
    bool canGoForward() const { return m_index >= 0 && m_index + 1 < m_places.size(); }
    /// Moves back or forward and returns the place now current (the current one if it cannot move).
    Place back();
    Place forward();
    bool isEmpty() const { return m_places.isEmpty(); }
    Place current() const { return m_index >= 0 ? m_places.at(m_index) : Place(); }
    int size() const { return m_places.size(); }

    /// Puts a customer at the top of the recent list (updating its name and number).
    void noteViewed(const RecentCustomer& customer);
    const QVector<RecentCustomer>& recent() const { return m_recent; }

    static Place search() { return Place{Place::Kind::Search, QString()}; }
    static Place customer(const QString& id) { return Place{Place::Kind::Customer, id}; }

private:
    QVector<Place> m_places;
    int m_index = -1;
    QVector<RecentCustomer> m_recent;
};

} // namespace telcodesk
