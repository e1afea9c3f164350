package io.modomodo.service.policy;

/**
 * The right to use a cached value until {@link #close()}: while any lease on it is open the cache
 * does not close the value, even when it has evicted it. Closing twice is harmless.
 *
 * @param <V> the value
 */
public interface Lease<V> extends AutoCloseable {

    /** The value; valid until this lease is closed. */
    V value();

    /** Releases the value; the last release of an evicted value closes it. */
    @Override
    void close();
}
