#include "AdminCommands.h"

#include <QCoreApplication>

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("telcodesk-admin"));
    QCoreApplication::setOrganizationName(QStringLiteral("TelcoDesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TELCODESK_VERSION));
    QStringList arguments = QCoreApplication::arguments();
    arguments.removeFirst();
    return telcodesk::admin::AdminCli::run(arguments);
}
