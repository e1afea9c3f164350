package io.modomodo.mixture.repository;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

import io.modomodo.mixture.domain.FitEntity;

/** Fits. */
public interface FitRepository extends JpaRepository<FitEntity, UUID> {

    Optional<FitEntity> findByStudyIdAndId(UUID studyId, UUID id);

    Page<FitEntity> findByStudyIdOrderByCreatedAtDesc(UUID studyId, Pageable pageable);

    long countByStudyId(UUID studyId);
}
