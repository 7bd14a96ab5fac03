#include "domain/Interaction.h"

#include <QStringList>

namespace telcodesk {

QStringList Interaction::channels()
{
    return {QStringLiteral("hotline"), QStringLiteral("app"), QStringLiteral("wechat"),
            QStringLiteral("store"),   QStringLiteral("web"), QStringLiteral("sms")};
}

QStringList Interaction::kinds()
{
    return {QStringLiteral("inquiry"),     QStringLiteral("billing"),         QStringLiteral("complaint"),
            QStringLiteral("fault"),       QStringLiteral("plan_change"),     QStringLiteral("porting_inquiry"),
            QStringLiteral("payment"),     QStringLiteral("retention"),       QStringLiteral("other")};
}

} // namespace telcodesk
