package io.obitox.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MigrationsTest {
    @Test
    void theLatestVersionConstantMatchesTheBundledScripts() {
        // a new V<n>__*.sql without raising Migrations.LATEST would never be applied to existing databases
        assertThat(Migrations.names()).isNotEmpty();
        assertThat(Migrations.LATEST).isEqualTo(Migrations.latestListed());
    }
}
