package io.modomodo.mixture.web;

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
import io.modomodo.mixture.config.MixtureProperties;

/** The HTTP edge's own beans: the OpenAPI conventions and the body limit, answered by the shared problem handler. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration {

    @Bean
    OpenApiCustomizer apiDocs() {
        return ApiDocs.customizer("MoDoMoDo mixture-service", "v1", "Mixture studies: runs and their outcomes, "
                + "pilot designs, surrogate fits (k-fold CV) and proposals. Errors are RFC 9457 problems.", true);
    }

    /** Requests Tomcat refuses before Spring sees them get a problem too, not an HTML page. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorPages() {
        return factory -> factory.addContextCustomizers(ProblemErrorReportValve::install);
    }

    @Bean
    BodyLimitFilter bodyLimitFilter(MixtureProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        return new BodyLimitFilter(properties.limits().maxBodyBytes(), resolver);
    }
}
