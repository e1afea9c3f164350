package io.modomodo.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportPageTest {

    @Test
    void inlinesStylesChartsScriptAndDataSoNothingIsFetched() {
        String page = ReportPage.render("s1", "{\"study\": {\"name\": \"s1\", \"domains\": []}, \"runs\": []}");
        assertThat(page).doesNotContain("<script src").doesNotContain("<link")
                .contains("window.MODOMODO_REPORT = {").contains("echarts");
    }

    @Test
    void dataCannotCloseTheScriptElement() {
        String page = ReportPage.render("</title><b>", "{\"study\": {\"name\": \"</script><script>alert(1)</script>\"}}");
        assertThat(page).doesNotContain("</script><script>alert(1)").doesNotContain("</title><b>");
        assertThat(page).contains("\\u003c/script>\\u003cscript>alert(1)");
    }

    @Test
    void codeKeepsItsMeaningWhenScriptEndTagsAreEscaped() {
        assertThat(ReportPage.inlineScript("var s = '</SCRIPT>'; if (a </b) {}"))
                .isEqualTo("var s = '<\\/SCRIPT>'; if (a </b) {}");
    }

    @Test
    void refusesDataThatIsNotAJsonObject() {
        assertThatThrownBy(() -> ReportPage.render("s", "[1]")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("studyJson");
    }
}
