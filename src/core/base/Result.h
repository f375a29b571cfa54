#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace Lantir {

// What went wrong, in words a site coordinator can act on. `kind` lets callers tell
// retryable transport faults from a bad token or a broken response.
struct Error
{
    enum class Kind
    {
        None,
        Config, // a setting is missing or invalid
        Network, // connection refused, DNS, reset, TLS
        Timeout, // no complete answer within the request timeout
        Http, // an HTTP status REDCap documents (400, 5xx, ...)
        Auth, // 401/403: token wrong or without API rights
        Response, // HTML, truncated or non-JSON body, wrong JSON shape or types
        Database, // open, lock, schema or write failure
        Cancelled, // stopped on request (shutdown, pause)
    };

    Kind kind = Kind::None;
    QString message;

    bool isError() const { return kind != Kind::None; }
};

// A value or an Error. Kept deliberately small: C++17 has no std::expected.
template <typename T> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {
    }
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *m_value; }
    T& value() & { return *m_value; }
    T&& value() && { return std::move(*m_value); }
    const Error& error() const { return m_error; }

private:
    std::optional<T> m_value;
    Error m_error;
};

template <> class Result<void>
{
public:
    Result() = default;
    Result(Error error)
        : m_error(std::move(error))
    {
    }

    bool ok() const { return !m_error.isError(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return m_error; }

private:
    Error m_error;
};

inline Error makeError(Error::Kind kind, QString message)
{
    return Error { kind, std::move(message) };
}

} // namespace Lantir
