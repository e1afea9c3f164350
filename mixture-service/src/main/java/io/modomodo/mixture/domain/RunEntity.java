package io.modomodo.mixture.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

/** One run of a study. Written only through {@code RunWriter} (idempotent insert), read through JPA. */
@Entity
@Table(name = "run")
public class RunEntity {

    @Id
    private UUID id;

    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(name = "study_id", nullable = false)
    private UUID studyId;

    @Column(name = "external_id")
    private String externalId;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String weights;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String scores;

    @Column(nullable = false)
    private double score;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected RunEntity() {
    }

    public RunEntity(UUID id, UUID studyId, String externalId, String weightsJson, String scoresJson, double score,
            Instant createdAt) {
        this.id = id;
        this.studyId = studyId;
        this.externalId = externalId;
        this.weights = weightsJson;
        this.scores = scoresJson;
        this.score = score;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getStudyId() {
        return studyId;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getWeightsJson() {
        return weights;
    }

    public String getScoresJson() {
        return scores;
    }

    public double getScore() {
        return score;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
