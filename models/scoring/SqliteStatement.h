#pragma once

#include <QString>

#include <sqlite3.h>

#include <cstring>
#include <string>

namespace telcodesk::scoring_detail {

/// A prepared statement on a raw SQLite handle, finalised on destruction: the scoring paths read millions
/// of rows and bind ids as bytes, without a QVariant per value.
class Statement
{
public:
    Statement(sqlite3* db, const char* sql) : m_db(db)
    {
        if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &m_stmt, nullptr) != SQLITE_OK) {
            m_error = QString::fromUtf8(sqlite3_errmsg(db));
            m_stmt = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(m_stmt); }
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    bool ok() const { return m_stmt != nullptr; }
    QString error() const { return m_error.isEmpty() ? QString::fromUtf8(sqlite3_errmsg(m_db)) : m_error; }
    sqlite3_stmt* get() const { return m_stmt; }

    void reset()
    {
        sqlite3_reset(m_stmt);
        sqlite3_clear_bindings(m_stmt);
    }
    void bind(int i, const std::string& text) { sqlite3_bind_text(m_stmt, i, text.data(), int(text.size()), SQLITE_TRANSIENT); }
    void bindStatic(int i, const std::string& text) { sqlite3_bind_text(m_stmt, i, text.data(), int(text.size()), SQLITE_STATIC); }
    void bind(int i, const QString& text)
    {
        const QByteArray utf8 = text.toUtf8();
        sqlite3_bind_text(m_stmt, i, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT);
    }
    void bind(int i, qint64 v) { sqlite3_bind_int64(m_stmt, i, v); }
    void bind(int i, double v) { sqlite3_bind_double(m_stmt, i, v); }
    void bindNull(int i) { sqlite3_bind_null(m_stmt, i); }
    /// SQLITE_ROW, SQLITE_DONE or an error code.
    int step() { return sqlite3_step(m_stmt); }

    std::string text(int col) const
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        return p ? std::string(p, std::size_t(sqlite3_column_bytes(m_stmt, col))) : std::string();
    }
    /// The column's bytes without copying; valid until the next step.
    const char* raw(int col, int* size) const
    {
        const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(m_stmt, col));
        *size = sqlite3_column_bytes(m_stmt, col);
        return p;
    }
    bool isNull(int col) const { return sqlite3_column_type(m_stmt, col) == SQLITE_NULL; }
    qint64 int64(int col) const { return sqlite3_column_int64(m_stmt, col); }
    double real(int col) const { return sqlite3_column_double(m_stmt, col); }
    bool equals(int col, const char* literal) const
    {
        int size = 0;
        const char* p = raw(col, &size);
        return p && std::size_t(size) == std::strlen(literal) && std::memcmp(p, literal, std::size_t(size)) == 0;
    }

private:
    sqlite3* m_db = nullptr;
    sqlite3_stmt* m_stmt = nullptr;
    QString m_error;
};

} // namespace telcodesk::scoring_detail
