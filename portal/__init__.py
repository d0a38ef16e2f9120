"""The top floor: the site's composition (home page, site-wide pages, the working group's tools
page, the seed loader, the root URLconf). It may import every app; no app imports it."""
