package dev.herald.spring;

import dev.herald.client.HeraldPublisher;
import dev.herald.spring.internal.MintedPublisherTokens;
import java.time.Clock;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Provides a {@link HeraldPublisher} for {@code herald.url}, authorized by {@code herald.publisher-token} or
 * by tokens minted from {@code herald.publisher-key}, unless the application defines its own publisher.
 */
@AutoConfiguration
@EnableConfigurationProperties(HeraldProperties.class)
public class HeraldAutoConfiguration {

    /** The publisher the properties describe. */
    @Bean
    @ConditionalOnMissingBean
    public HeraldPublisher heraldPublisher(HeraldProperties properties) {
        HeraldPublisher publisher = HeraldPublisher.to(properties.hubUri()).withTimeout(properties.getTimeout());
        if (HeraldProperties.hasText(properties.getPublisherToken())) {
            return publisher.withToken(properties.getPublisherToken().strip());
        }
        if (HeraldProperties.hasText(properties.getPublisherKey())) {
            return publisher.withTokens(new MintedPublisherTokens(properties.getPublisherKey(),
                    properties.getPublishTopics(), properties.getTokenTtl(), Clock.systemUTC()));
        }
        return publisher;
    }
}
