BBBB BBBB
BBBB BBBBBBBBBBBBB
    XXX XXXXXXXXXXXXXXXBB BBBBBBBBBBB XXXXXXXXXXXXXXXXBBBBBX
        XXXXXXXXXXX
        XXXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
            XXXXXXX XXXXXXXXXXXXXXXXXXXXXXXXX
                XXX XXXXXXXXXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXX
                    XX XXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBXX
                         gettext(u'Anteckning %(time)s') 
                            SSSSSSSSSS SSSSSSSS
                        
                    XXXX
                XXXXX
                XX XXXXXXXXXXXXXXXXXXXXXXX
                    BB BBBBBBBBBBBBBBBB
                        XXXXXX
                             gettext(u'Bordsgrupp: %(group)s') 
                                SSSSSSSSSSS SSSSSSSSS
                            
                        XXXXXXX
                    BBBBB
                    XXXXXX
                        BB BBBBBBBBBBBBB
                             gettext(u'Fråga: %(question)s') 
                                SSSSSS SSSSSSSSSSSS
                            
                        BBBB
                             gettext(u'Hela dialogen') 
                        BBBBB
                    XXXXXXX
                XXXX
            XXXXXXXXX
            XX XXXXXXXXXXXXXXXXXXXXXXXXXXX
            BB BBBBBBBBBBB
                XX XXXXXXXXXXXXXXXXXXXXXXXXX
                    XXXXXXXX gettext(u'Dold') XXXXXXXXXX
                    
                    BB BBBBBBBBBBBBBB
                        XXXXX XXXXXXXXXXXXXXFFFFFFFFFFFFFFFFFFFFFFFFFFFFXXXXXXXX
                    BBBBB
                XXXX
            BBBBB
            BB BBBBBBBBBB
                XXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXXX XXXXXXXXXXXXX
                    XXXX
                        BBB BBBBB BB BBBBBBBBBBXXXXXXXXXBBBBBB
                    XXXXX
                XXXXXX
            BBBBB
            BB BBBBBBBBBBBB
                XX XXXXXXXXXXXXXXXXXXXXXXXXX
                    XXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Teman:') XXXXXXX
                    BBB BBBB BB BBBBBBBBBBBBXXXXX XXXXXXXXXXXXXXXXXXXBBBBBB
                XXXX
            BBBB BBB BBBBBBBBBBB
                XX XXXXXXXXXXXXXXXXXXXXXXX XXXXXX gettext(u'Inget tema ännu.') XXXX
            BBBBB
            BB BBBBBBBBBBBBB BBB BBB BBBBBBBBBBB
                XXX XXXXXXXXXXXXXXXXXXXXXXX
                    XXXXXXXXXXXX gettext(u'Föreslagna teman') XX
                    BBB BBBB BB BBBBBBBBBBBBB
                        XXXX
                            XXXXX XXXXXXXXXXXXX
                                  XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBB BBBBBBBX
                                  XXXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBB BBBBBBBX
                                  XXXXXXXXXXXXXXXXXX
                                  XXXXXXXXXXXXXXXXXXXX
                                BBBBBBBBBB
                                XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
                                XXXXX XXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                                     gettext(u'Förslag: %(theme)s') 
                                        SSSSSSSS SSSSSSSSS
                                    
                                XXXXXXX
                                XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXX
                                        XXXXXXXXXXXXX
                                        XXXXXXXXXXXXXXX
                                        XXXXXXXXXXXXXXX
                                     gettext(u'Godkänn') XXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXX
                                XXXXXXXXX
                                XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
                                        XXXXXXXXXXXXX
                                        XXXXXXXXXXXXXXX
                                        XXXXXXXXXXXXXXX
                                     gettext(u'Avvisa') XXXXX XXXXXXXXXXXXXXXXXXXXXXXX XXXXXXX
                                XXXXXXXXX
                            XXXXXXX
                        XXXXX
                    BBBBBB
                XXXXX
            BBBBB
             #
 #
 #
 #
 #

            XXXX XXXXXXXXXXXXXXXXXXXXXXXXX
                 XXXXXXXXXXXXXXXXXXBB BBBBBBBBBBXXXXXXBBBBBX
                 XXXXXXXXXXXXXXXXXXX
                BB BBBBBB
                    XXXXXXXX XXXXXXXXXXXXXXXXXX BB BBBBBBBBBBBBBBBXXXXBBBBBX
                        XXXXXXXXX gettext(u'Sätt teman') XXXXXXXXXX
                        XXXXX XXXXXXXXXXXXX
                              XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBX
                              XXXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBX
                              XXXXXXXXXXXXXXXXXX
                              XXXXXXXXXXXXXXXXXXXX
                            BBBBBBBBBB
                            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
                            XXXXXXXXXX
                                XXXXXXX XXXXXXXXXXXXXXXXXXXXXXXX gettext(u'Teman för anteckningen') XXXXXXXXX
                                XXXX XXXXXXXXXXXXXXXXXXXXXXXXXX
                                    BBB BBBBB BB BBBBBB
                                        XXXXXX XXXXXXXXXXXXXXXXXXX
                                            XXXXXX XXXXXXXXXXXXXXX
                                                   XXXXXXXXXXXXX
                                                   XXXXXXXX
                                                   XXXXXXXXXXXXXXXXX
                                                   BB BBBBBBBB BB BBBBBBBBBBBBBBBBXXXXXXXBBBBBX
                                            
                                        XXXXXXXX
                                    BBBBBB
                                XXXXXX
                            XXXXXXXXXXX
                            XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXX XXXXXXXXXXXXXX gettext(u'Spara teman') XXXXXXXXX
                        XXXXXXX
                    XXXXXXXXXX
                BBBBB
                BB BBBBBBBBBBB
                    XXXXX XXXXXXXXXXXXX
                          XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBX
                          XXXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBX
                          XXXXXXXXXXXXXXXXXX
                          XXXXXXXXXXXXXXXXXXXX
                        BBBBBBBBBB
                        XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
                        XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXXXXX
                                XXXXXXXXXXXXXX gettext(u'Visa igen') XXXXXXXXX
                    XXXXXXX
                BBBB
                    XXXXXXXX XXXXXXXXXXXXXXXXXX BB BBBBBBBBBBBBBXXXXBBBBBX
                        XXXXXXXXX gettext(u'Dölj') XXXXXXXXXX
                        XXXXX XXXXXXXXXXXXX
                              XXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBX
                              XXXXXXXXXBBB BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB BBBBBBBBBBB BBBBBBBX
                              XXXXXXXXXXXXXXXXXX
                              XXXXXXXXXXXXXXXXXXXX
                            BBBBBBBBBB
                            XXXXXX XXXXXXXXXXXXX XXXXXXXXXXX XXXXXXXXX
                            XXXXXX XXXXXXXXXXXXXXXXXXX gettext(u'Skäl att dölja') XXXXXXXX
                            XX XXXXXXXXXXXXXXXX XXXXXXXXXXXXXXXXXXXXXXX
                                 gettext(u'Till exempel ”innehåller ett namn”. Syns bara för arbetsgruppen.') 
                            XXXX
                            XXXX XXXXXXXXXXXXXXXXXXXXXX
                                XXXXXX XXXXXXXXXXX
                                       XXXXXXXXXXXXX
                                       XXXXXXXXXXXXXXXXX
                                       XXXXXXXXXXXXXXX
                                       XXXXXXXX
                                       XXXXXXXX
                                       XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX
                                       BB BBBBBBBBBB BBB BBBBBBBBBBBBBXXXXXXXXXXXXXXXXXXXBBBBBX
                                XXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXX XXXXXXXXXXXXXXX
                                        XXXXXXXXXXXXXX gettext(u'Dölj anteckningen') XXXXXXXXX
                            XXXXXX
                        XXXXXXX
                    XXXXXXXXXX
                BBBBB
            XXXXXX
        XXXXXXXXXX
    XXXXX
BBBBBBB
