package io.modomodo.mixture.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

/** A study: a name, an ordered list of domains (JSON array) and per-domain bounds (JSON object). */
@Entity
@Table(name = "study")
public class StudyEntity {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String domains;

    @Column(nullable = false, columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String bounds;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected StudyEntity() {
    }

    public StudyEntity(UUID id, String name, String domainsJson, String boundsJson, Instant createdAt) {
        this.id = id;
        this.name = name;
        this.domains = domainsJson;
        this.bounds = boundsJson;
        this.createdAt = createdAt;
    }

    public UUID getId() {
        return id;
    }

    public String getName() {
        return name;
    }

    public String getDomainsJson() {
        return domains;
    }

    public String getBoundsJson() {
        return bounds;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
