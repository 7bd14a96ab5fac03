#include "store/LocalChangeNotifier.h"

namespace telcodesk {

LocalChangeNotifier& LocalChangeNotifier::instance()
{
    static LocalChangeNotifier notifier;
    return notifier;
}

} // namespace telcodesk
