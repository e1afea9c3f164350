package io.modomodo.mixture.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

/** A set of proposals (JSON), the fit behind it and the ids of the runs that fit saw (JSON array). */
@Entity
@Table(name = "proposal")
public class ProposalEntity {

    @Id
    private UUID id;

    @Column(name = "study_id", nullable = false)
    private UUID studyId;

    @Column(name = "fit_id", nullable = false)
    private UUID fitId;

    @Column(nullable = false)
    private String model;

    @Column(nullable = false)
    private String strategy;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String proposals;

    @Column(name = "run_ids", nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String runIds;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ProposalEntity() {
    }

    public ProposalEntity(UUID id, UUID studyId, UUID fitId, String model, String strategy, String proposalsJson,
            String runIdsJson, Instant createdAt) {
        this.id = id;
        this.studyId = studyId;
        this.fitId = fitId;
        this.model = model;
        this.strategy = strategy;
        this.proposals = proposalsJson;
        this.runIds = runIdsJson;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public UUID getStudyId() {
        return studyId;
    }

    public UUID getFitId() {
        return fitId;
    }

    public String getModel() {
        return model;
    }

    public String getStrategy() {
        return strategy;
    }

    public String getProposalsJson() {
        return proposals;
    }

    public String getRunIdsJson() {
        return runIds;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
