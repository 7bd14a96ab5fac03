#include "SyncStatusWidget.h"

#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QStyle>

namespace telcodesk {

SyncStatusWidget::SyncStatusWidget(QWidget* parent)
    : QWidget(parent)
    , m_database(new QLabel(this))
    , m_server(new QLabel(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(12);
    auto* icon = new QLabel(this);
    const int size = style()->pixelMetric(QStyle::PM_SmallIconSize);
    icon->setPixmap(style()->standardIcon(QStyle::SP_DriveHDIcon).pixmap(size, size));
    layout->addWidget(icon);
    layout->addWidget(m_database);
    auto* separator = new QFrame(this);
    separator->setFrameShape(QFrame::VLine);
    separator->setFrameShadow(QFrame::Sunken);
    layout->addWidget(separator);
    layout->addWidget(m_server);
    m_database->setObjectName(QStringLiteral("databaseStatus"));
    m_server->setObjectName(QStringLiteral("serverStatus"));
    setCustomerCount(0);
    setServerState(ServerState::NotConfigured);
}

void SyncStatusWidget::setCustomerCount(int count)
{
    //: Status bar: where the data comes from. %1 is the number of customers, written with digit grouping.
    m_database->setText(tr("Local database · %1 customers").arg(QLocale().toString(count)));
}

void SyncStatusWidget::setServerState(ServerState state, const QString& serverUrl)
{
    switch (state) {
    case ServerState::NotConfigured:
        m_server->setText(tr("Offline — no server configured"));
        m_server->setToolTip(tr("TelcoDesk is working on its local database. Start it with --server to "
                                "name a central server."));
        break;
    case ServerState::NotAvailable:
        m_server->setText(tr("Server sync is not available in this version — working on the local database"));
        m_server->setToolTip(tr("Server given: %1").arg(serverUrl));
        break;
    }
}

QString SyncStatusWidget::databaseText() const
{
    return m_database->text();
}

QString SyncStatusWidget::serverText() const
{
    return m_server->text();
}

} // namespace telcodesk
