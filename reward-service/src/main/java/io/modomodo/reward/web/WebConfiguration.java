package io.modomodo.reward.web;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.servlet.HandlerExceptionResolver;

import io.modomodo.api.openapi.ApiDocs;
import io.modomodo.api.problem.BodyLimitFilter;
import io.modomodo.api.problem.ProblemErrorReportValve;
import io.modomodo.reward.config.RewardProperties;

/** The HTTP edge's own beans: the OpenAPI conventions and the body limit, answered by the shared problem handler. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    OpenApiCustomizer apiDocs() {
        return ApiDocs.customizer("MoDoMoDo reward-service", "v1", "Verifiable rewards: format and accuracy of "
                + "model responses by program (choice, number, math, iou, yes_no, exact), and OpenRLHF's remote "
                + "reward protocol. Errors are RFC 9457 problems.", false);
    }

    /** Requests Tomcat refuses before Spring sees them get a problem too, not an HTML page. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    @Bean
    BodyLimitFilter bodyLimitFilter(RewardProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return new BodyLimitFilter(properties.limits().maxBodyBytes(), resolver);
    }
}
