#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace telcodesk {

/// An error a person can read: what happened and, where it helps, what to do about it.
struct Error
{
    QString message;
    /// Machine-readable kind, for callers that branch on it ("corrupt", "newer_schema", "invalid", ...).
    QString code;
};

/// A value or an Error, in the spirit of std::expected (not available before C++23).
template<typename T>
class Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const T& operator*() const& { return *m_value; }
    const T* operator->() const { return &*m_value; }
    const Error& error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    std::optional<T> m_value;
    Error m_error;
};

/// Success or an Error, for operations with nothing to return.
class Status
{
public:
    Status() = default;
    Status(Error error) : m_failed(true), m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }
    QString errorMessage() const { return m_error.message; }

private:
    bool m_failed = false;
    Error m_error;
};

} // namespace telcodesk
