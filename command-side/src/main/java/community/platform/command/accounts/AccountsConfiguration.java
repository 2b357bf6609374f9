package community.platform.command.accounts;

import community.platform.command.eventstore.TypedRepositories;
import org.axonframework.modelling.command.Repository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The accounts' repository: an account is read from its own stream, whatever its username. */
@Configuration
public class AccountsConfiguration {

    @Bean
    public Repository<Account> accountRepository(TypedRepositories repositories) {
        return repositories.of(Account.class);
    }
}
