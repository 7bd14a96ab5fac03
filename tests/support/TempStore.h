#pragma once

#include "store/LocalStore.h"

#include <QTemporaryDir>

#include <memory>

namespace telcodesk::test {

/// A fresh, migrated LocalStore in a temporary directory that is removed afterwards.
class TempStore
{
public:
    explicit TempStore(int schemaVersion = -1);
    ~TempStore();

    bool ok() const { return static_cast<bool>(m_store); }
    QString error() const { return m_error; }
    LocalStorePtr store() const { return m_store; }
    QString dir() const { return m_dir.path(); }
    QString path() const { return m_dir.filePath(QString::fromLatin1(LocalStore::kFileName)); }

private:
    QTemporaryDir m_dir;
    LocalStorePtr m_store;
    QString m_error;
};

} // namespace telcodesk::test
