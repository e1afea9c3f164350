package io.modomodo.mixture.repository;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

import io.modomodo.mixture.domain.StudyEntity;

/** Studies. */
public interface StudyRepository extends JpaRepository<StudyEntity, UUID> {

    List<StudyEntity> findAllByOrderByCreatedAtDesc();
}
