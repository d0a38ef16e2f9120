BBBBBBB BBBBBBBBBBB
BBBB BBBBBBBB BBBB
BBBBB BBBBB
     gettext(u'Resultat: %(title)s') 
        SSSSSSSSS SSSSSSSSS
    
BBBBBBBB BBBBB
BBBBB BBBBBBB
    XXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXX gettext(u'Du är här') XX
        XXXX
            BB BBBBBB
                XXXX
                    XX XXXXXXBBB BBBBBBXX gettext(u'Start') XXXX
                XXXXX
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBXX gettext(u'Enkätresultat') XXXX
                XXXXX
            BBBB
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBXX gettext(u'Uppföljningsenkäter') XXXX
                XXXXX
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBXXXXXX
                XXXXX
            BBBBB
            XXX XXXXXXXXXXXXXXXXXXXX gettext(u'Resultat') XXXXX
        XXXXX
    XXXXXX
    XXXXXXX XXXXXXXXXXXXXXXXXXXX
        XX XXXXXXXXXXXXXXXX X XXXX
        XXXX
             gettext(u'Resultat: %(title)s') 
                SSSSSSSSS SSSSSSSSS
            
        XXXXX
        XX XXXXXXXXXXXXX
             ngettext(u'%(number)s svar', u'%(number)s svar', count) 
                SSSSSSSSSS SSSS
            
                PPPPPPPPPP PPPP
            
        XXXX
        XX XXXXXXXXXXXXX
             gettext(u'Ett svar gäller en enhet, till exempel en nämnd: den som svarar för flera enheter ger ett svar per enhet. Andelen inom parentes efter frågan är hur många av alla svar som besvarade frågan. Andelarna för svarsalternativen räknas på de svar som besvarade frågan; vid frågor med flera svar kan de bli mer än 100 %% tillsammans.') 
                SSS SSSS SSSSSS SS SSSSSS SSSS SSSSSSS SS SSSSSS SSS SSS SSSSSS SSS SSSSS SSSSSSS SSS SSS SSSS SSS SSSSSS
                SSSSSSS SSSS SSSSSSSS SSSSS SSSSSS SS SSS SSSSS SS SSSS SSSS SSS SSSSSSSSS SSSSSSS SSSSSSSSS SSS
                SSSSSSSSSSSSSSSSS SSSSSS SS SS SSSS SSS SSSSSSSSS SSSSSSS SSS SSSSSS SSS SSSSS SSSS SSS SS SSS SSS SS
                SSS SS SSSSSSSSSSSS
            
        XXXX
    XXXXXXXXX
    BB BBB BBBBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBBB
    BB BBBBBBBBBBBBBBBBBBBBBBBBBBBB
        BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB
    BBBBB
    BB BBBBBBBBB
        XXXX XXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXX
            XXX
                 gettext(u'Resultaten delas upp efter svaren på frågan ”%(question)s”.') 
                    SSSSSSSSSS SSSSS SSS SSSSS SSSSSS SS SSSSSS SSSSSSSSSSSSSSS
                
            XXXX
            BB BBBBBBBBBBBBBBBBBBBBBBBB
                XXX
                     ngettext(u'En grupp med färre än %(minimum)s svar visas som ”för få svar”, så att ingen enskild kan pekas ut.', u'En grupp med färre än %(minimum)s svar visas som ”för få svar”, så att ingen enskild kan pekas ut.', count) 
                        SS SSSSS SSS SSSSS SS SSSSSSSSSSS SSSS SSSSS SSS SSSS SS SSSSSS SS SSS SSSSS SSSSSSS SSS SSSSS SSS
                    
                        PP PPPPP PPP PPPPP PP PPPPPPPPPPP PPPP PPPPP PPP PPPP PP PPPPPP PP PPP PPPPP PPPPPPP PPP PPPPP PPP
                    
                     gettext(u'Ibland döljs ytterligare en grupp, så att den lilla gruppen inte kan räknas fram ur de andra.') 
                XXXX
            BBBBB
        XXXXXX
    BBBB BBBBBBBBBBBBBBBBBBBB
        XX XXXXXXXXXXXXXXXXXXXXX
             gettext(u'Frågor som också fanns med %(year)s jämförs med det årets resultat.') 
                SSSSSS SSS SSSSS SSSSS SSS SSSSSSSS SSSSSSS SSS SSS SSSSS SSSSSSSSS
            
        XXXX
    BBBBB
    BB BBBBBBBBBBBBBBBBBBBBBB
        XXXX XXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXX XXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Frågor') XXXXX
            XXXX
                BBB BBBB BB BBBBB
                    XXXX
                        XX XXXXXXXXXXXXXXXXXXX
                    XXXXX
                BBBBBB
            XXXXX
        XXXXXX
        BBB BBBB BB BBBBB
            BBBBBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBB BBBBBBBBBBBBBBBBBB BBBBBBBBBBBBBBBB
        BBBBBB
    BBBB
        XX XXXXXXXXXXXXXXXX gettext(u'Enkäten har inga svar ännu.') XXXX
    BBBBB
    XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
        XXX XXXXXXXXXXXXXXXXXXX gettext(u'Ladda ner') XXXXX
        XXXX
            XXXX
                XX XXXXXXX XXXXXXXXX gettext(u'Resultaten som CSV') XXXX
            XXXXX
            XXXX
                XX XXXXXXX XXXXXXXXX gettext(u'Resultaten som Excel-fil (XLSX)') XXXX
            XXXXX
            BB BBB BBBBBB
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBX
                       XXXXXXXXX gettext(u'Avidentifierade svar som CSV') XXXX
                XXXXX
                XXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBX
                       XXXXXXXXX gettext(u'Avidentifierade svar som Excel-fil (XLSX)') XXXX
                XXXXX
            BBBBB
        XXXXX
        XX XXXXXXXXXXXXX
             gettext(u'CSV-filerna är UTF-8 med semikolon som avgränsare. Dolda fritextsvar finns inte med.') 
            BB BBB BBBBBB
                 gettext(u'De avidentifierade svaren har en rad per svar och en kolumn per fråga, utan fritext; ett bakgrundssvar som färre än minsta gruppstorlek har gett står som ”för få svar”.') 
            BBBBB
        XXXX
    XXXXXXXXXX
BBBBBBBB BBBBBBB
