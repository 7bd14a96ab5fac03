#include "NavigationHistory.h"

namespace telcodesk {

void NavigationHistory::visit(const Place& place)
{
    if (m_index >= 0 && m_places.at(m_index) == place)
        return;
    m_places.resize(m_index + 1);
    m_places.append(place);
    if (m_places.size() > kMaxPlaces)
        m_places.remove(0, m_places.size() - kMaxPlaces);
    m_index = m_places.size() - 1;
}

NavigationHistory::Place NavigationHistory::back()
{
    if (canGoBack())
        --m_index;
    return current();
}

NavigationHistory::Place NavigationHistory::forward()
{
    if (canGoForward())
        ++m_index;
    return current();
}

void NavigationHistory::noteViewed(const RecentCustomer& customer)
{
    for (int i = 0; i < m_recent.size(); ++i) {
        if (m_recent.at(i).customerId == customer.customerId) {
            m_recent.remove(i);
            break;
        }
    }
    m_recent.prepend(customer);
    if (m_recent.size() > kMaxRecent)
        m_recent.resize(kMaxRecent);
}

} // namespace telcodesk
