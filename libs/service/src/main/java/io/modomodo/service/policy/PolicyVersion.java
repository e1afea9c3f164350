package io.modomodo.service.policy;

/**
 * One exact version of a policy in the checkpoint store.
 *
 * @param name a base policy's name or {@code job:<uuid>}
 * @param version the version, from 1
 */
public record PolicyVersion(String name, long version) {

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
