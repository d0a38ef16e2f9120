from newsletters.models.newsletters import Newsletter, NewsletterCard, NewsletterImage
from newsletters.models.subscribers import Delivery, NewsletterSettings, Subscriber

__all__ = [
    "Delivery",
    "Newsletter",
    "NewsletterCard",
    "NewsletterImage",
    "NewsletterSettings",
    "Subscriber",
]
