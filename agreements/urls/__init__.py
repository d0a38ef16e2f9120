from agreements.urls import (
    agreement,
    commitments,
    directory,
    organisations,
    proposals,
    signatures,
)

app_name = "agreements"

urlpatterns = [
    *agreement.urlpatterns,
    *organisations.urlpatterns,
    *signatures.urlpatterns,
    *directory.urlpatterns,
    *commitments.urlpatterns,
    *proposals.urlpatterns,
]
