package io.modomodo.mixture.repository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import io.modomodo.mixture.domain.RunEntity;

/** Runs, read in the order they were posted ({@code seq}). */
public interface RunRepository extends JpaRepository<RunEntity, UUID> {

    Optional<RunEntity> findByStudyIdAndExternalId(UUID studyId, String externalId);

    Optional<RunEntity> findByStudyIdAndId(UUID studyId, UUID id);

    List<RunEntity> findByStudyIdOrderBySeqAsc(UUID studyId);

    Page<RunEntity> findByStudyIdOrderBySeqAsc(UUID studyId, Pageable pageable);

    long countByStudyId(UUID studyId);
}
