#include "TempStore.h"

namespace telcodesk::test {

TempStore::TempStore(int schemaVersion)
{
    auto result = schemaVersion < 0 ? LocalStore::open(path()) : LocalStore::openAtVersion(path(), schemaVersion);
    if (result)
        m_store = result.value();
    else
        m_error = result.errorMessage();
}

TempStore::~TempStore()
{
    m_store.reset();
}

} // namespace telcodesk::test
