package io.modomodo.mixture.repository;

import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import io.modomodo.mixture.domain.ProposalEntity;

/** Proposal sets. */
public interface ProposalRepository extends JpaRepository<ProposalEntity, UUID> {
}
