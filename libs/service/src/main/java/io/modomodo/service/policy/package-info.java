/**
 * Loaded policy versions and their lifetimes: {@link io.modomodo.service.policy.LeasedCache} keeps a
 * bounded number of loaded values and closes an evicted one only once no
 * {@link io.modomodo.service.policy.Lease} on it is open; {@link io.modomodo.service.policy.PolicyCache}
 * applies it to the versions of the shared checkpoint store.
 */
package io.modomodo.service.policy;
