/// One value the portfolio generator emits, in the order an import applies them.
public enum PortfolioRecord: Hashable, Sendable {
    case user(User)
    case account(Account)
    case contact(Contact)
    case usage(UsageWeek)
    case supportCase(SupportCase)
    case nps(NPSResponse)
    case payment(PaymentStatus)
    case activity(Activity)
}

