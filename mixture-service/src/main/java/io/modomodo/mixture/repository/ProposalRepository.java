package io.modomodo.mixture.repository;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import io.modomodo.mixture.domain.ProposalEntity;

/** Proposal sets. */
public interface ProposalRepository extends JpaRepository<ProposalEntity, UUID> {

    Optional<ProposalEntity> findByStudyIdAndId(UUID studyId, UUID id);

    Page<ProposalEntity> findByStudyIdOrderByCreatedAtDesc(UUID studyId, Pageable pageable);

    long countByStudyId(UUID studyId);
}
